using System.Diagnostics;
using EvalReports.Storage;

namespace EvalReports.Benchmarks.Scenarios;

/// <summary>
/// P3: latency of POST /v2/eval-reports (warm) for suites of several sizes. The orchestration is really scheduled,
/// but its orchestrator returns at once (see <see cref="BenchApp.StartAsync"/>), so no report building runs in the
/// background of the measurement.
/// </summary>
public static class AcceptLatencyScenario
{
    public sealed record Result(int SuiteSize, int Samples, double P50Ms, double P99Ms, double MaxMs, double CheckP50Ms, double CheckP99Ms, double StorageRequestsPerPost);

    public static async Task<Result> RunAsync(BenchApp app, IReadOnlyList<string> runUuids, int samples, int warmup)
    {
        var body = BenchApp.ReportRequest(runUuids);
        for (var i = 0; i < warmup; i++)
        {
            await app.CreateReportAsync(body);
        }

        var times = new List<double>(samples);
        var calls = StorageCalls.Count;
        for (var i = 0; i < samples; i++)
        {
            var watch = Stopwatch.StartNew();
            await app.CreateReportAsync(body);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        var perPost = (double)(StorageCalls.Count - calls) / samples;

        // The existence check alone (the same store call the POST makes), to show what the rest of the POST costs.
        var store = app.Get<EvalRunStore>();
        var checks = new List<double>(samples);
        for (var i = 0; i < samples; i++)
        {
            var watch = Stopwatch.StartNew();
            var statuses = await store.GetStatusesAsync(BenchApp.Workspace, runUuids);
            checks.Add(watch.Elapsed.TotalMilliseconds);
            if (statuses.Any(s => s != "finished"))
            {
                throw new InvalidOperationException("A suite run is missing or unfinished.");
            }
        }

        return new Result(
            runUuids.Count, samples, Stats.Percentile(times, 50), Stats.Percentile(times, 99), times.Max(),
            Stats.Percentile(checks, 50), Stats.Percentile(checks, 99), perPost);
    }
}
