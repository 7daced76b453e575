using System.Text.Json;
using EvalReports.Contracts;

namespace EvalReports.Benchmarks.Scenarios;

/// <summary>
/// Single measurements as child commands, for comparing two builds (before / after) alternately on a busy machine:
/// each prints one JSON line. Tables are prepared once (<c>ab-import</c>) and shared by both builds.
/// </summary>
public static class AbPoints
{
    public static async Task<string> RunAsync(string command, string prefix, int runs, int responses)
    {
        switch (command)
        {
            case "ab-import":
            {
                await using var app = await BenchApp.StartAsync(prefix, buildReports: false);
                await ImportScenario.RunAsync(app, runs, 1, 10, 1);
                var r = await ImportScenario.RunAsync(app, 0, runs, responses, 4);
                return JsonSerializer.Serialize(r);
            }

            case "ab-scale":
            {
                var episodes = Episodes.Total;
                var calls = StorageCalls.Count;
                var point = await ScaleScenario.RunPointAsync(prefix, runs);
                return JsonSerializer.Serialize(new { point.Runs, point.WallMs, point.PeakResidentBytes, Episodes = Episodes.Total - episodes, StorageRequests = StorageCalls.Count - calls });
            }

            case "ab-accept":
            {
                await using var app = await BenchApp.StartAsync(prefix, buildReports: false);
                var uuids = Enumerable.Range(0, runs).Select(SyntheticRuns.RunUuid).ToList();
                var r = await AcceptLatencyScenario.RunAsync(app, uuids, 60, 10);
                return JsonSerializer.Serialize(r);
            }

            case "ab-auth":
            {
                await using var app = await BenchApp.StartAsync(prefix);
                var run = $"bench-ab-auth-{Guid.NewGuid():N}";
                await app.ImportAsync(HttpCalls.Utf8(Json.Serialize(SyntheticRuns.Create(run, 10, seed: 3))));
                var (key, report) = await AuthenticatedReadScenario.PrepareAsync(app, run);
                var results = new List<AuthenticatedReadScenario.Result>();
                foreach (var concurrency in new[] { 1, 50, 200 })
                {
                    results.Add(await AuthenticatedReadScenario.RunAsync(app, key, report, concurrency, concurrency == 1 ? 300 : 1500));
                }

                return JsonSerializer.Serialize(results);
            }

            default:
                throw new ArgumentException($"Unknown command {command}.");
        }
    }
}
