using EvalReports.Summaries;

namespace EvalReports.Tests.Support;

/// <summary>The real summarizer, held until the test opens the gate (keeps a report "processing").</summary>
public sealed class GatedSummarizer(Task gate) : ISummarizer
{
    private readonly EmbeddedSummarizer inner = new();

    public string Name => inner.Name;

    public async Task<RunSummary> SummarizeRunAsync(RunSummaryInput input, CancellationToken ct)
    {
        await gate;
        return await inner.SummarizeRunAsync(input, ct);
    }

    public Task<SuiteSummary> SummarizeSuiteAsync(IReadOnlyList<RunDigest> runs, CancellationToken ct) => inner.SummarizeSuiteAsync(runs, ct);
}
