using System.Diagnostics;
using EvalReports.Functions;
using Microsoft.Extensions.DependencyInjection;

namespace EvalReports.Benchmarks.Scenarios;

/// <summary>
/// Item 5: the worker's own start, from process start to the first request served in-process — the app's services
/// built as Program.cs builds them, then GET /v2/eval-runs/{uuid} through its function adapter against Azurite — in a
/// fresh process per sample, under several runtime settings (environment variables the Functions worker honours too).
/// </summary>
public static class StartupScenario
{
    public sealed record Sample(double ToServicesMs, double ToFirstResponseMs);

    public static readonly (string Name, Dictionary<string, string> Env)[] Variants =
    [
        ("default (tiered, PGO on)", new()),
        ("TieredPGO=0", new() { ["DOTNET_TieredPGO"] = "0" }),
        ("TieredCompilation=0", new() { ["DOTNET_TieredCompilation"] = "0" }),
        ("TC_QuickJitForLoops=0", new() { ["DOTNET_TC_QuickJitForLoops"] = "0" }),
        ("ReadyToRun=0 (framework R2R code ignored)", new() { ["DOTNET_ReadyToRun"] = "0" }),
    ];

    public static async Task<Sample> RunChildAsync(string prefix, string runUuid, IReadOnlyDictionary<string, string> env) =>
        System.Text.Json.JsonSerializer.Deserialize<Sample>(await ChildProcess.RunAsync(["start-point", "--prefix", prefix, "--run", runUuid], env))!;

    /// <summary>In the child: as little as possible before the clock's start, which is the process's own start time.</summary>
    public static async Task<Sample> RunPointAsync(string prefix, string runUuid)
    {
        var started = Process.GetCurrentProcess().StartTime.ToUniversalTime();
        var services = new ServiceCollection().AddEvalReports(BenchApp.Settings(prefix), BenchApp.Limits);
        services.AddLogging();
        services.AddSingleton<EvalRunsHttp>();
        await using var provider = services.BuildServiceProvider();
        var runs = provider.GetRequiredService<EvalRunsHttp>();
        var toServices = (DateTime.UtcNow - started).TotalMilliseconds;
        var request = HttpCalls.Request("GET", $"/v2/eval-runs/{runUuid}", BenchApp.DevKey);
        HttpCalls.Expect(await runs.Get(request, runUuid), 200);
        return new Sample(toServices, (DateTime.UtcNow - started).TotalMilliseconds);
    }
}
