using System.Diagnostics;
using EvalReports.Auth;

namespace EvalReports.Benchmarks.Scenarios;

/// <summary>
/// Authenticated GET /v2/eval-reports/{id} with a real issued API key (not the development key, which is checked
/// without storage), at several concurrencies on one instance: requests/s, p50/p99, and Table Storage requests per GET.
/// </summary>
public static class AuthenticatedReadScenario
{
    public sealed record Result(int Concurrency, int Requests, double RequestsPerSecond, double P50Ms, double P99Ms, double StorageRequestsPerGet);

    /// <summary>Issues a key for the bench workspace and builds a finished one-run report to read.</summary>
    public static async Task<(string ApiKey, string ReportUuid)> PrepareAsync(BenchApp app, string runUuid)
    {
        var issued = await app.Get<ApiKeyService>().CreateAsync(new CreateApiKeyRequest(BenchApp.Workspace, "bench", null));
        var body = BenchApp.ReportRequest([runUuid]);
        var reportUuid = await app.CreateReportAsync(body);
        await app.Client.WaitForInstanceCompletionAsync(reportUuid);
        return (issued.ApiKey, reportUuid);
    }

    public static async Task<Result> RunAsync(BenchApp app, string apiKey, string reportUuid, int concurrency, int requests)
    {
        // Warm-up at this concurrency (connections, JIT): not counted.
        await GetManyAsync(app, apiKey, reportUuid, concurrency, Math.Max(concurrency, 20), null);
        var times = new double[requests];
        var calls = StorageCalls.Count;
        var watch = Stopwatch.StartNew();
        await GetManyAsync(app, apiKey, reportUuid, concurrency, requests, times);
        var seconds = watch.Elapsed.TotalSeconds;
        var perGet = (double)(StorageCalls.Count - calls) / requests;
        var sorted = times.ToList();
        return new Result(concurrency, requests, requests / seconds, Stats.Percentile(sorted, 50), Stats.Percentile(sorted, 99), perGet);
    }

    private static async Task GetManyAsync(BenchApp app, string apiKey, string reportUuid, int concurrency, int requests, double[]? times)
    {
        var next = -1;
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                var start = Stopwatch.GetTimestamp();
                var request = HttpCalls.Request("GET", $"/v2/eval-reports/{reportUuid}", apiKey);
                HttpCalls.Expect(await app.Reports.Get(request, reportUuid, app.Client), 200);
                if (times is not null)
                {
                    times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                }
            }
        }));
        await Task.WhenAll(workers);
    }
}
