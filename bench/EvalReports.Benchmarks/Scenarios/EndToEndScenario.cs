using System.Diagnostics;
using EvalReports.Storage;

namespace EvalReports.Benchmarks.Scenarios;

/// <summary>
/// P1: time from POST /v2/eval-reports to "finished" for a suite, against the I/O floor: the time the same storage
/// code (EvalRunStore) takes to read every response of the same runs, as many runs at once as the fan-out allows.
/// </summary>
public static class EndToEndScenario
{
    /// <summary>CPU ms of this process and of Azurite (0 when its pid is not known) during one step.</summary>
    public readonly record struct Cpu(double AppMs, double AzuriteMs)
    {
        public double TotalMs => AppMs + AzuriteMs;
    }

    /// <summary>Table Storage requests of the app, and orchestrator episodes (with the time spent replaying in them).</summary>
    public readonly record struct Trips(long StorageRequests, long Episodes, double EpisodeMs, string ByKind, long AllocatedBytes);

    public sealed record Sample(double EndToEndMs, double FloorMs, Cpu EndToEndCpu, Cpu FloorCpu, Trips EndToEndTrips, Trips FloorTrips)
    {
        public double EndToEndCpuMs => EndToEndCpu.TotalMs;

        public double FloorCpuMs => FloorCpu.TotalMs;

        public double Ratio => EndToEndMs / FloorMs;
    }

    public static async Task<IReadOnlyList<Sample>> RunAsync(BenchApp app, IReadOnlyList<string> runUuids, int repetitions)
    {
        // Warm-up (JIT, connections, table clients): not counted.
        await EndToEndAsync(app, runUuids);
        await FloorAsync(app, runUuids);

        var samples = new List<Sample>();
        for (var rep = 0; rep < repetitions; rep++)
        {
            // Alternate the order so that neither side always runs on a cooler or warmer machine.
            (double Ms, Cpu Cpu, Trips Trips) e2e, floor;
            if (rep % 2 == 0)
            {
                e2e = await WithCpuAsync(() => EndToEndAsync(app, runUuids));
                floor = await WithCpuAsync(() => FloorAsync(app, runUuids));
            }
            else
            {
                floor = await WithCpuAsync(() => FloorAsync(app, runUuids));
                e2e = await WithCpuAsync(() => EndToEndAsync(app, runUuids));
            }

            samples.Add(new Sample(e2e.Ms, floor.Ms, e2e.Cpu, floor.Cpu, e2e.Trips, floor.Trips));
        }

        return samples;
    }

    /// <summary>
    /// The wall time a step reports, and the CPU time spent meanwhile by this process (all threads) plus, when
    /// EVALREPORTS_BENCH_AZURITE_PID names it, by Azurite: the work done, whatever else the machine is doing.
    /// </summary>
    private static async Task<(double Ms, Cpu Cpu, Trips Trips)> WithCpuAsync(Func<Task<double>> step)
    {
        using var self = Process.GetCurrentProcess();
        var app = self.TotalProcessorTime;
        var azurite = AzuriteCpu();
        var (calls, episodes, replay, kinds, allocated) = (StorageCalls.Count, Episodes.Total, Episodes.Time, StorageCalls.Snapshot(), GC.GetTotalAllocatedBytes());
        var ms = await step();
        self.Refresh();
        var trips = new Trips(StorageCalls.Count - calls, Episodes.Total - episodes, (Episodes.Time - replay).TotalMilliseconds, StorageCalls.Since(kinds), GC.GetTotalAllocatedBytes() - allocated);
        return (ms, new Cpu((self.TotalProcessorTime - app).TotalMilliseconds, (AzuriteCpu() - azurite).TotalMilliseconds), trips);
    }

    private static TimeSpan AzuriteCpu()
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable("EVALREPORTS_BENCH_AZURITE_PID"), out var pid))
        {
            return TimeSpan.Zero;
        }

        try
        {
            using var azurite = Process.GetProcessById(pid);
            return azurite.TotalProcessorTime;
        }
        catch (ArgumentException)
        {
            return TimeSpan.Zero;
        }
    }

    public static async Task<double> EndToEndAsync(BenchApp app, IReadOnlyList<string> runUuids)
    {
        var body = BenchApp.ReportRequest(runUuids);
        var watch = Stopwatch.StartNew();
        var reportUuid = await app.CreateReportAsync(body);
        var instance = await app.Client.WaitForInstanceCompletionAsync(reportUuid, getInputsAndOutputs: true);
        var elapsed = watch.Elapsed.TotalMilliseconds;

        // The orchestrator returns "finished" only once FinishReport has marked the report row finished. (Not a GET of
        // the report: that would read every run report back, which is no part of building it.)
        var outcome = instance.ReadOutputAs<string>();
        if (outcome != "finished")
        {
            throw new InvalidOperationException($"Report {reportUuid} ended {instance.RuntimeStatus}/{outcome}, not finished.");
        }

        return elapsed;
    }

    public static async Task<double> FloorAsync(BenchApp app, IReadOnlyList<string> runUuids)
    {
        var store = app.Get<EvalRunStore>();
        var concurrency = app.Get<EvalReportsLimits>().ReportConcurrency;
        var read = 0L;
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(runUuids, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (uuid, ct) =>
        {
            var run = await store.GetAsync(BenchApp.Workspace, uuid, ct) ?? throw new InvalidOperationException($"Run {uuid} is missing.");
            await foreach (var _ in store.ReadResponsesAsync(run, ct: ct))
            {
                Interlocked.Increment(ref read);
            }
        });
        var elapsed = watch.Elapsed.TotalMilliseconds;
        if (read == 0)
        {
            throw new InvalidOperationException("The floor read no response.");
        }

        return elapsed;
    }
}
