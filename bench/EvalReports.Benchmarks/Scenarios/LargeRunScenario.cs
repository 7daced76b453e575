using System.Diagnostics;
using System.Text.Json;
using EvalReports.Contracts;

namespace EvalReports.Benchmarks.Scenarios;

/// <summary>
/// P4, one big run: import a run of the largest size the settings allow, then a report over it, in a fresh process.
/// Peak resident memory is taken for each phase (the kernel's high-water mark is reset between them).
/// </summary>
public static class LargeRunScenario
{
    public sealed record Result(
        int Responses, long BodyBytes, double ImportMs, long ImportPeakResidentBytes, double ReportMs, long ReportPeakResidentBytes,
        long BaselineResidentBytes, long ImportPeakManagedBytes, long ReportPeakManagedBytes);

    public static async Task<Result> RunChildAsync(string prefix, int responses)
    {
        var output = await ChildProcess.RunAsync(["large-run", "--prefix", prefix, "--responses", responses.ToString()]);
        return JsonSerializer.Deserialize<Result>(output)!;
    }

    public static async Task<Result> RunPointAsync(string prefix, int responses)
    {
        await using var app = await BenchApp.StartAsync(prefix);

        // Warm-up on a small run: JIT and connections are not what is measured.
        var warm = SyntheticRuns.RunUuid(90_000 + Random.Shared.Next(9_999));
        await app.ImportAsync(HttpCalls.Utf8(Json.Serialize(SyntheticRuns.Create(warm, 50, seed: 1))));
        await EndToEndScenario.EndToEndAsync(app, [warm]);

        var uuid = $"bench-large-{Guid.NewGuid():N}";
        var body = HttpCalls.Utf8(Json.Serialize(SyntheticRuns.Create(uuid, responses, seed: 7)));
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var baseline = Environment.WorkingSet;
        PeakMemory.ResetPeakResident();

        double importMs;
        long importManaged;
        await using (var peak = new PeakMemory())
        {
            var watch = Stopwatch.StartNew();
            await app.ImportAsync(body);
            importMs = watch.Elapsed.TotalMilliseconds;
            importManaged = peak.PeakManagedBytes;
        }

        var importPeak = PeakMemory.PeakResidentBytes();
        var bodyBytes = body.LongLength;
        body = null;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        PeakMemory.ResetPeakResident();

        double reportMs;
        long reportManaged;
        await using (var peak = new PeakMemory())
        {
            reportMs = await EndToEndScenario.EndToEndAsync(app, [uuid]);
            reportManaged = peak.PeakManagedBytes;
        }

        return new Result(responses, bodyBytes, importMs, importPeak, reportMs, PeakMemory.PeakResidentBytes(), baseline, importManaged, reportManaged);
    }
}
