using System.Text.Json;

namespace EvalReports.Benchmarks.Scenarios;

/// <summary>
/// P4: one suite per scale point (N runs × the responses each run holds), each in a fresh process so that peak
/// memory belongs to that point alone. The runs are imported beforehand by the parent process.
/// </summary>
public static class ScaleScenario
{
    public sealed record Point(int Runs, double WallMs, long BaselineResidentBytes, long PeakResidentBytes, long PeakManagedBytes);

    /// <summary>In the parent: runs the point in a child process and reads its result.</summary>
    public static async Task<Point> RunChildAsync(string prefix, int runs) =>
        JsonSerializer.Deserialize<Point>(await ChildProcess.RunAsync(["scale-point", "--prefix", prefix, "--runs", runs.ToString()]))!;

    /// <summary>In the child: starts the app, POSTs a suite of the first <paramref name="runs"/> runs, waits for it.</summary>
    public static async Task<Point> RunPointAsync(string prefix, int runs)
    {
        await using var app = await BenchApp.StartAsync(prefix);
        var uuids = Enumerable.Range(0, runs).Select(SyntheticRuns.RunUuid).ToList();

        // Warm the code paths on a one-run suite first, so the point measures the suite, not JIT and connections.
        await EndToEndScenario.EndToEndAsync(app, uuids.Take(1).ToList());
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var baseline = Environment.WorkingSet;

        double wall;
        long peakManaged;
        await using (var peak = new PeakMemory())
        {
            wall = await EndToEndScenario.EndToEndAsync(app, uuids);
            peakManaged = peak.PeakManagedBytes;
        }

        return new Point(runs, wall, baseline, PeakMemory.PeakResidentBytes(), peakManaged);
    }
}
