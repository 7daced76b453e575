using System.Globalization;
using EvalReports.Benchmarks;
using EvalReports.Benchmarks.Scenarios;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

// The in-process Durable backend logs every gRPC call at Information to the console: that would be measured too.
Environment.SetEnvironmentVariable("Logging__LogLevel__Default", "Warning");

if (args.Length > 0 && args[0] == "scale-point")
{
    // Child process of P4: one scale point, its result as one JSON line.
    var prefix = args[Array.IndexOf(args, "--prefix") + 1];
    var runs = int.Parse(args[Array.IndexOf(args, "--runs") + 1]);
    var point = await ScaleScenario.RunPointAsync(prefix, runs);
    Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(point));
    return 0;
}

if (args.Length > 0 && args[0] == "export")
{
    // Export memory against the number of responses: `export [--smoke]`.
    return await ExportScenario.RunAsync(args.Contains("--smoke"));
}

if (args.Length > 0 && args[0] == "large-run")
{
    // Child process of P4's large run: import one run of --responses responses, then a report over it.
    var prefix = args[Array.IndexOf(args, "--prefix") + 1];
    var responses = int.Parse(args[Array.IndexOf(args, "--responses") + 1]);
    var result = await LargeRunScenario.RunPointAsync(prefix, responses);
    Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(result));
    return 0;
}

if (args.Length > 0 && args[0] == "start-point")
{
    var sample = await StartupScenario.RunPointAsync(args[Array.IndexOf(args, "--prefix") + 1], args[Array.IndexOf(args, "--run") + 1]);
    Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(sample));
    return 0;
}

if (args.Length > 0 && args[0].StartsWith("ab-", StringComparison.Ordinal))
{
    string Arg(string name, string fallback) => Array.IndexOf(args, name) is var i and >= 0 ? args[i + 1] : fallback;
    Console.WriteLine(await AbPoints.RunAsync(args[0], Arg("--prefix", "benchab"), int.Parse(Arg("--runs", "1000")), int.Parse(Arg("--responses", "200"))));
    return 0;
}

if (args.Length == 2 && args[0] == "worst-case-point")
{
    // Child process of the worst-case scenario: one size, its result as one JSON line.
    Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(WorstCaseScenario.RunPoint(int.Parse(args[1], CultureInfo.InvariantCulture))));
    return 0;
}

if (args.Length == 2 && args[0] == "p2-loop")
{
    // For a profiler: summarizes the P2 run for the given number of seconds.
    var loopInput = SummarizerBenchmarks.Input(500);
    var until = DateTime.UtcNow.AddSeconds(int.Parse(args[1]));
    var runs = 0;
    while (DateTime.UtcNow < until) { EvalReports.Summaries.EmbeddedSummarizer.SummarizeRun(loopInput); runs++; }
    Console.WriteLine($"{runs} runs");
    return 0;
}

if (args.Length == 1 && args[0] == "p2-cpu")
{
    var (us, rate, allocated) = SummarizerCpu.Measure();
    Console.WriteLine($"P2 by thread CPU time: {us:0} µs per 500-response run, {rate:N0} scored responses per CPU-second, {allocated / 1024.0:N0} KB allocated per run");
    return 0;
}

if (args.Length == 1 && args[0] == "worst-case")
{
    // Only the worst case (no Azurite needed).
    await WorstCaseScenario.PrintAsync(smoke: false);
    return 0;
}

if (args.Length == 2 && args[0] == "delete-tables")
{
    // Tables left by a benchmark run that was killed: `delete-tables benchXXXXXXXX`.
    await BenchApp.DeleteTablesAsync(args[1]);
    return 0;
}

var options = BenchOptions.Parse(args);
var bench = new BenchRun(options);
return await bench.RunAsync();
