namespace EvalReports.Summaries.Llm;

/// <summary>The model's answer failed the checks twice (first try and the one retry); the run falls back to embedded.</summary>
public sealed class SummaryRejectedException(IReadOnlyList<string> problems)
    : Exception("The model's summary failed the checks: " + string.Join("; ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
