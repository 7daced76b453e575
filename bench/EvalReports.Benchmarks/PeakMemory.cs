namespace EvalReports.Benchmarks;

/// <summary>
/// Peak memory of this process while a scenario runs: the OS's high-water mark of resident memory (VmHWM, exact)
/// and the largest managed heap seen by sampling <see cref="GC.GetTotalMemory(bool)"/> every 5 ms.
/// </summary>
public sealed class PeakMemory : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task sampler;
    private long peakManaged;

    public PeakMemory()
    {
        peakManaged = GC.GetTotalMemory(false);
        sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var now = GC.GetTotalMemory(false);
                if (now > Interlocked.Read(ref peakManaged))
                {
                    Interlocked.Exchange(ref peakManaged, now);
                }

                try
                {
                    await Task.Delay(5, stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });
    }

    public long PeakManagedBytes => Interlocked.Read(ref peakManaged);

    /// <summary>Peak resident set size of the process so far (Linux VmHWM); the working set elsewhere.</summary>
    public static long PeakResidentBytes()
    {
        const string status = "/proc/self/status";
        if (File.Exists(status))
        {
            foreach (var line in File.ReadLines(status))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0]) * 1024;
                }
            }
        }

        return System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64;
    }

    /// <summary>Resets the kernel's high-water mark to the current resident size (Linux: "5" to /proc/self/clear_refs).</summary>
    public static void ResetPeakResident()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not Linux, or not allowed: the peak then covers the process's whole life.
        }
    }

    public async ValueTask DisposeAsync()
    {
        stop.Cancel();
        await sampler;
        stop.Dispose();
    }
}
