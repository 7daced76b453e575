using EvalReports.Contracts;

namespace EvalReports.Summaries;

/// <summary>Writes the prose of a report: per run, and for the whole suite.</summary>
public interface ISummarizer
{
    /// <summary>Short name recorded on each run report (e.g. "embedded").</summary>
    string Name { get; }

    Task<RunSummary> SummarizeRunAsync(RunSummaryInput input, CancellationToken cancellationToken);

    /// <summary>Overall summaries of a suite, from the digests the run summaries produced (no response text).</summary>
    Task<SuiteSummary> SummarizeSuiteAsync(IReadOnlyList<RunDigest> runs, CancellationToken cancellationToken);
}

/// <summary>Everything a summarizer may read about one run.</summary>
public sealed record RunSummaryInput(EvalRunResult Run, IReadOnlyList<EvalPrompt> Prompts, IReadOnlyList<ScoredResponse> Responses);

public sealed record RunSummary(
    string PassingResponsesSummary,
    string FailingResponsesSummary,
    string ImprovementAdvice,
    RunDigest Digest)
{
    /// <summary>Who wrote the texts when it is not the summarizer's own <see cref="ISummarizer.Name"/> (an LLM summarizer that fell back).</summary>
    public string? Summarizer { get; init; }
}

public sealed record SuiteSummary(
    string PassingResponsesSummary,
    string FailingResponsesSummary,
    string ImprovementAdvice);
