namespace EvalReports.Summaries.Llm;

/// <summary>
/// The model's answer failed the checks twice (first try and the one retry); the run falls back to embedded. The
/// message carries the code-written reasons only, never the answer's sentences (no content in logs).
/// </summary>
public sealed class SummaryRejectedException(IReadOnlyList<CheckProblem> problems)
    : Exception("The model's summary failed the checks: " + string.Join("; ", problems.Select(problem => problem.Reason)))
{
    public IReadOnlyList<CheckProblem> Problems { get; } = problems;
}
