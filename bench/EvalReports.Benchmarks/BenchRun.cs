using System.Diagnostics;
using EvalReports.Benchmarks.Scenarios;

namespace EvalReports.Benchmarks;

/// <summary>Imports the runs every scenario needs into fresh tables, runs the scenarios, prints Markdown, cleans up.</summary>
public sealed class BenchRun(BenchOptions options)
{
    // Azurite answers every query by scanning the whole table, so each scenario gets tables of its own: P1 and the
    // import in one set, the P3/P4 runs in another. Otherwise P1's reads would scan P4's 100,000 rows.
    private readonly string prefix = "bench" + Guid.NewGuid().ToString("N")[..8];

    private string ScalePrefix => prefix + "s";

    public async Task<int> RunAsync()
    {
        Console.WriteLine($"# EvalReports benchmark{(options.Smoke ? " (smoke: tiny sizes, timings meaningless)" : "")}");
        Console.WriteLine();
        var cores = File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").Count(l => l.StartsWith("processor", StringComparison.Ordinal)) : Environment.ProcessorCount;
        Console.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC · {cores} cores (ProcessorCount seen by .NET: {Environment.ProcessorCount}) · .NET {Environment.Version} · tables {prefix}*");
        Console.WriteLine();
        var total = Stopwatch.StartNew();
        try
        {
            await using (var app = await BenchApp.StartAsync(prefix))
            {
                await ImportAndEndToEndAsync(app);
                if (options.Only.Contains("auth"))
                {
                    await AuthenticatedReadsAsync(app);
                }

                if (options.Only.Contains("start"))
                {
                    await StartupAsync(app);
                }
            }

            if (options.Only.Contains("p3") || options.Only.Contains("p4"))
            {
                await using var scale = await BenchApp.StartAsync(ScalePrefix, buildReports: false);
                await ImportScaleRunsAsync(scale);
                if (options.Only.Contains("p3"))
                {
                    await AcceptLatencyAsync(scale);
                }
            }

            if (options.Only.Contains("p4"))
            {
                await ScaleAsync();
            }

            if (options.Only.Contains("p2"))
            {
                Summarizer();
            }

            if (options.Only.Contains("worst"))
            {
                await WorstCaseScenario.PrintAsync(options.Smoke);
            }
        }
        finally
        {
            await BenchApp.DeleteTablesAsync(prefix);
        }

        Console.WriteLine($"Total {total.Elapsed.TotalSeconds:0.0} s");
        return 0;
    }

    private async Task ImportAndEndToEndAsync(BenchApp app)
    {
        if (!options.Only.Contains("p1") && !options.Only.Contains("import"))
        {
            return;
        }

        // Warm-up import (JIT, table creation): not counted. Runs 0..P1Runs-1 are P1's suite; the concurrent import
        // writes other runs, so that P1 reads a table holding about two suites.
        await ImportScenario.RunAsync(app, 2 * options.P1Runs, 1, 10, 1);
        PrintImports(
            await ImportScenario.RunAsync(app, 0, options.P1Runs, options.P1Responses, 1),
            await ImportScenario.RunAsync(app, options.P1Runs, options.P1Runs, options.P1Responses, options.ImportConcurrency));
        if (!options.Only.Contains("p1"))
        {
            return;
        }

        var uuids = Enumerable.Range(0, options.P1Runs).Select(SyntheticRuns.RunUuid).ToList();
        Breakdown.Reset();
        var samples = await EndToEndScenario.RunAsync(app, uuids, options.P1Repetitions);
        var suites = options.P1Repetitions + 1;
        var breakdown = $"Per suite (mean of {suites}): {Breakdown.ActivityCount / suites} run-report activities took {Breakdown.Activities.TotalMilliseconds / suites:0} ms in all, " +
            $"{Breakdown.Summarizer.TotalMilliseconds / suites:0} ms of it in the summarizer ({Breakdown.SummarizerCpu.TotalMilliseconds / suites:0} ms of CPU); at most {Breakdown.PeakConcurrency} ran at once.";
        Console.WriteLine($"## P1: POST → finished vs the I/O floor ({options.P1Runs} runs × {options.P1Responses} responses)");
        Console.WriteLine();
        Console.WriteLine($"| rep | POST → finished ms | floor (read all responses) ms | ratio | CPU ms{(Environment.GetEnvironmentVariable("EVALREPORTS_BENCH_AZURITE_PID") is null ? " of this process" : " of this process + Azurite")}: suite / floor | of it Azurite: suite / floor |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: |");
        for (var i = 0; i < samples.Count; i++)
        {
            Console.WriteLine($"| {i + 1} | {samples[i].EndToEndMs:0} | {samples[i].FloorMs:0} | {samples[i].Ratio:0.00} | {samples[i].EndToEndCpuMs:0} / {samples[i].FloorCpuMs:0} | {samples[i].EndToEndCpu.AzuriteMs:0} / {samples[i].FloorCpu.AzuriteMs:0} |");
        }

        double Median(Func<EndToEndScenario.Sample, double> field) => Stats.Median(samples.Select(field).ToList());
        Console.WriteLine($"| median | {Median(s => s.EndToEndMs):0} | {Median(s => s.FloorMs):0} | **{Median(s => s.Ratio):0.00}** | {Median(s => s.EndToEndCpuMs):0} / {Median(s => s.FloorCpuMs):0} | {Median(s => s.EndToEndCpu.AzuriteMs):0} / {Median(s => s.FloorCpu.AzuriteMs):0} |");
        Console.WriteLine($"| min | {samples.Min(s => s.EndToEndMs):0} | {samples.Min(s => s.FloorMs):0} | {samples.Min(s => s.EndToEndMs) / samples.Min(s => s.FloorMs):0.00} (of the minima) | | |");
        Console.WriteLine();

        Console.WriteLine(breakdown);
        Console.WriteLine();
        var first = samples[0];
        Console.WriteLine($"Round trips per suite (repetition 1): {first.EndToEndTrips.StorageRequests} Table Storage requests (floor: {first.FloorTrips.StorageRequests}), " +
            $"{first.EndToEndTrips.Episodes} orchestrator episodes ({first.EndToEndTrips.EpisodeMs:0.0} ms inside them, replay included).");
        Console.WriteLine();
        Console.WriteLine($"Suite's requests by kind: {first.EndToEndTrips.ByKind}. Floor's: {first.FloorTrips.ByKind}.");
        Console.WriteLine();
        Console.WriteLine($"Allocated by this process (all threads, Durable backend included): suite {Mb(first.EndToEndTrips.AllocatedBytes)} MB, floor {Mb(first.FloorTrips.AllocatedBytes)} MB.");
        Console.WriteLine();

        // What a suite costs apart from its data: orchestration turns, report rows, on a one-run, ten-response suite.
        var tiny = new List<string> { SyntheticRuns.RunUuid(2 * options.P1Runs) };
        var fixedCost = new List<double>();
        for (var i = 0; i < Math.Max(3, options.P1Repetitions); i++)
        {
            fixedCost.Add(await EndToEndScenario.EndToEndAsync(app, tiny));
        }

        Console.WriteLine($"Fixed cost of a suite (1 run × 10 responses, POST → finished, median of {fixedCost.Count}): {Stats.Median(fixedCost):0} ms");
        Console.WriteLine();
    }

    private async Task ImportScaleRunsAsync(BenchApp app)
    {
        await ImportScenario.RunAsync(app, options.ScaleRunCount, 1, 10, 1);
        PrintImports(await ImportScenario.RunAsync(app, 0, options.ScaleRunCount, options.P4Responses, options.ImportConcurrency));
    }

    private static void PrintImports(params ImportScenario.Result[] imports)
    {
        Console.WriteLine("## Import: POST /v2/eval-runs into Table Storage");
        Console.WriteLine();
        Console.WriteLine("| runs × responses | POSTs at once | seconds | responses/s |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        foreach (var r in imports)
        {
            Console.WriteLine($"| {r.Runs} × {r.ResponsesPerRun} | {r.Concurrency} | {r.Seconds:0.00} | {r.ResponsesPerSecond:0} |");
        }

        Console.WriteLine();
    }

    private async Task AcceptLatencyAsync(BenchApp app)
    {
        Console.WriteLine("## P3: POST /v2/eval-reports accept latency (warm)");
        Console.WriteLine();
        Console.WriteLine("| runs in suite | samples | p50 ms | p99 ms | max ms | existence check alone: p50 / p99 ms | Table Storage requests per POST |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var size in options.P3SuiteSizes)
        {
            var uuids = Enumerable.Range(0, size).Select(SyntheticRuns.RunUuid).ToList();
            var r = await AcceptLatencyScenario.RunAsync(app, uuids, options.P3Samples, options.P3Warmup);
            Console.WriteLine($"| {r.SuiteSize} | {r.Samples} | {r.P50Ms:0.0} | {r.P99Ms:0.0} | {r.MaxMs:0.0} | {r.CheckP50Ms:0.0} / {r.CheckP99Ms:0.0} | {r.StorageRequestsPerPost:0.0} |");
        }

        Console.WriteLine();
    }

    private async Task ScaleAsync()
    {
        Console.WriteLine($"## P4: scale series (runs × {options.P4Responses} responses, one process per point)");
        Console.WriteLine();
        Console.WriteLine("| runs | POST → finished s | ms per run | RSS before MB | peak RSS MB | peak managed heap MB |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var runs in options.P4Runs)
        {
            var p = await ScaleScenario.RunChildAsync(ScalePrefix, runs);
            Console.WriteLine($"| {p.Runs} | {p.WallMs / 1000:0.00} | {p.WallMs / p.Runs:0} | {Mb(p.BaselineResidentBytes)} | {Mb(p.PeakResidentBytes)} | {Mb(p.PeakManagedBytes)} |");
        }

        Console.WriteLine();
        var large = await LargeRunScenario.RunChildAsync(ScalePrefix, options.LargeRunResponses);
        Console.WriteLine($"## P4: one run of {large.Responses} responses ({Mb(large.BodyBytes)} MB of JSON), a fresh process");
        Console.WriteLine();
        Console.WriteLine("| phase | s | RSS before MB | peak RSS MB | peak managed heap MB |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
        Console.WriteLine($"| import (POST /v2/eval-runs) | {large.ImportMs / 1000:0.00} | {Mb(large.BaselineResidentBytes)} | {Mb(large.ImportPeakResidentBytes)} | {Mb(large.ImportPeakManagedBytes)} |");
        Console.WriteLine($"| report over it (POST → finished) | {large.ReportMs / 1000:0.00} | | {Mb(large.ReportPeakResidentBytes)} | {Mb(large.ReportPeakManagedBytes)} |");
        Console.WriteLine();
    }

    private async Task AuthenticatedReadsAsync(BenchApp app)
    {
        var run = "bench-auth-run";
        await app.ImportAsync(HttpCalls.Utf8(Contracts.Json.Serialize(SyntheticRuns.Create(run, 10, seed: 3))));
        var (apiKey, reportUuid) = await AuthenticatedReadScenario.PrepareAsync(app, run);
        Console.WriteLine("## Authenticated GET /v2/eval-reports/{id} (issued API key, one instance)");
        Console.WriteLine();
        Console.WriteLine("| concurrent | requests | requests/s | p50 ms | p99 ms | Table Storage requests per GET |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var concurrency in options.AuthConcurrency)
        {
            var requests = concurrency == 1 ? Math.Max(20, options.AuthRequests / 4) : options.AuthRequests;
            var r = await AuthenticatedReadScenario.RunAsync(app, apiKey, reportUuid, concurrency, requests);
            Console.WriteLine($"| {r.Concurrency} | {r.Requests} | {r.RequestsPerSecond:0} | {r.P50Ms:0.0} | {r.P99Ms:0.0} | {r.StorageRequestsPerGet:0.00} |");
        }

        Console.WriteLine();
    }

    private async Task StartupAsync(BenchApp app)
    {
        var run = "bench-start-run";
        await app.ImportAsync(HttpCalls.Utf8(Contracts.Json.Serialize(SyntheticRuns.Create(run, 10, seed: 5))));
        var samples = options.Smoke ? 1 : 5;
        Console.WriteLine($"## Worker start: process start → first request served in-process (median of {samples} fresh processes)");
        Console.WriteLine();
        Console.WriteLine("| runtime setting | to services built ms | to first response ms |");
        Console.WriteLine("| --- | ---: | ---: |");
        foreach (var (name, env) in StartupScenario.Variants)
        {
            var points = new List<StartupScenario.Sample>();
            for (var i = 0; i < samples; i++)
            {
                points.Add(await StartupScenario.RunChildAsync(prefix, run, env));
            }

            Console.WriteLine($"| {name} | {Stats.Median(points.Select(p => p.ToServicesMs).ToList()):0} | {Stats.Median(points.Select(p => p.ToFirstResponseMs).ToList()):0} |");
        }

        Console.WriteLine();
    }

    private void Summarizer()
    {
        var artifacts = Path.Combine(Path.GetTempPath(), prefix + "-bdn");
        var r = SummarizerBenchmarks.Run(options.Smoke, artifacts);
        Console.WriteLine();
        Console.WriteLine($"## P2: embedded summarizer, one run of {r.Responses} responses in memory (BenchmarkDotNet, {(options.Smoke ? "Dry" : "ShortRun")} job, in-process)");
        Console.WriteLine();
        Console.WriteLine("| mean µs per run | scored responses/s per core | allocated per run |");
        Console.WriteLine("| ---: | ---: | ---: |");
        Console.WriteLine($"| {r.MeanMicroseconds:0} | **{r.ScoredResponsesPerSecond:0}** | {Mb(r.AllocatedBytes)} MB |");
        Console.WriteLine();
        try
        {
            Directory.Delete(artifacts, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.0");
}
