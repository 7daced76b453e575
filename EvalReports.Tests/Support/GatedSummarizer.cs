using EvalReports.Summaries;

namespace EvalReports.Tests.Support;

/// <summary>The real summarizer, held at a gate: a test knows when a run report is being built and chooses when it goes on.</summary>
public sealed class GatedSummarizer : ISummarizer
{
    private readonly EmbeddedSummarizer inner = new();
    private readonly TaskCompletionSource entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task opened;

    public GatedSummarizer() => opened = gate.Task;

    /// <summary>Held until <paramref name="gate"/> completes (or <see cref="Open"/> is called).</summary>
    public GatedSummarizer(Task gate) => opened = Task.WhenAny(gate, this.gate.Task);

    /// <summary>Completes when the first run summary (or, with <see cref="HoldSuite"/>, the suite summary) is waiting at the gate.</summary>
    public Task Entered => entered.Task;

    /// <summary>When true the gate holds the suite summary (FinishReport) instead of the run summaries.</summary>
    public bool HoldSuite { get; init; }

    public string Name => inner.Name;

    public void Open() => gate.TrySetResult();

    public async Task<RunSummary> SummarizeRunAsync(RunSummaryInput input, CancellationToken ct)
    {
        if (!HoldSuite)
        {
            entered.TrySetResult();
            await opened;
        }

        return await inner.SummarizeRunAsync(input, ct);
    }

    public async Task<SuiteSummary> SummarizeSuiteAsync(IReadOnlyList<RunDigest> runs, CancellationToken ct)
    {
        if (HoldSuite)
        {
            entered.TrySetResult();
            await opened;
        }

        return await inner.SummarizeSuiteAsync(runs, ct);
    }
}
