using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using EvalReports.Contracts;
using EvalReports.Summaries;

namespace EvalReports.Benchmarks.Scenarios;

/// <summary>
/// P2: the embedded summarizer on one run held in memory (no I/O). Single-threaded, so responses per second of one
/// benchmark invocation are responses per second per core.
/// </summary>
[MemoryDiagnoser]
public class SummarizerBenchmarks
{
    private readonly EmbeddedSummarizer summarizer = new();
    private RunSummaryInput input = null!;

    [Params(500)]
    public int Responses { get; set; }

    [GlobalSetup]
    public void Setup() => input = Input(Responses);

    [Benchmark]
    public RunSummary SummarizeRun() => summarizer.SummarizeRunAsync(input, CancellationToken.None).GetAwaiter().GetResult();

    public static RunSummaryInput Input(int responses)
    {
        var import = SyntheticRuns.Create("bench-p2", responses, seed: 42);
        var scored = import.Responses!.Where(r => r.IsScored).ToList();
        var run = new EvalRunResult
        {
            EvalRunUuid = import.EvalRunUuid!,
            EvalUuid = import.EvalUuid!,
            Name = import.Name,
            Status = "finished",
            CreatedAt = DateTimeOffset.UnixEpoch,
            UpdatedAt = DateTimeOffset.UnixEpoch,
            Evaluation = import.Evaluation,
            AiDescription = import.AiDescription,
            WorkspaceUuid = BenchApp.Workspace,
            PassRate = (double)scored.Count(r => r.IsPassed == true) / scored.Count,
            NumPrompts = import.Prompts!.Count,
            NumResponsesScored = scored.Count,
        };
        return new RunSummaryInput(run, import.Prompts!, import.Responses!);
    }

    public sealed record Result(int Responses, double MeanMicroseconds, double ScoredResponsesPerSecond, long AllocatedBytes);

    /// <summary>Runs the benchmark in this process (no child project to build, works offline).</summary>
    public static Result Run(bool smoke, string artifacts)
    {
        var job = (smoke ? Job.Dry : Job.ShortRun).WithToolchain(InProcessEmitToolchain.Instance).WithId(smoke ? "Dry" : "ShortRun");
        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddLogger(ConsoleLogger.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddDiagnoser(BenchmarkDotNet.Diagnosers.MemoryDiagnoser.Default)
            .WithArtifactsPath(artifacts)
            .WithOptions(ConfigOptions.DisableLogFile);
        var summary = BenchmarkRunner.Run<SummarizerBenchmarks>(config);
        var report = summary.Reports.SingleOrDefault(r => r.ResultStatistics is not null)
            ?? throw new InvalidOperationException("The summarizer benchmark produced no result.");
        var meanNs = report.ResultStatistics!.Mean;
        var scored = Input(500).Responses.Count(r => r.IsScored);
        return new Result(500, meanNs / 1000, scored / (meanNs / 1e9), report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? 0);
    }
}
