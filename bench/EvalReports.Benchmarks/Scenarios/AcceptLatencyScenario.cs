using System.Diagnostics;

namespace EvalReports.Benchmarks.Scenarios;

/// <summary>
/// P3: latency of POST /v2/eval-reports (warm) for suites of several sizes. The orchestration is really scheduled,
/// but its orchestrator returns at once (see <see cref="BenchApp.StartAsync"/>), so no report building runs in the
/// background of the measurement.
/// </summary>
public static class AcceptLatencyScenario
{
    public sealed record Result(int SuiteSize, int Samples, double P50Ms, double P99Ms, double MaxMs);

    public static async Task<Result> RunAsync(BenchApp app, IReadOnlyList<string> runUuids, int samples, int warmup)
    {
        var body = BenchApp.ReportRequest(runUuids);
        for (var i = 0; i < warmup; i++)
        {
            await app.CreateReportAsync(body);
        }

        var times = new List<double>(samples);
        for (var i = 0; i < samples; i++)
        {
            var watch = Stopwatch.StartNew();
            await app.CreateReportAsync(body);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        return new Result(runUuids.Count, samples, Stats.Percentile(times, 50), Stats.Percentile(times, 99), times.Max());
    }
}
