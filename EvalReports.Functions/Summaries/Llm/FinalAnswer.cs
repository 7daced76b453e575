namespace EvalReports.Summaries.Llm;

/// <summary>
/// The one place a final answer is read and checked: a prose draft for a run without categories, a per-category
/// draft (then assembled into the three fields) for the others. Used by <see cref="LlmSummarizer"/> and by the
/// model-in-the-loop tool (bench/EvalReports.LlmLoop), so both judge an answer the same way.
/// </summary>
public static class FinalAnswer
{
    /// <returns>The three fields, or null with the problems.</returns>
    public static (SummaryDraft? Draft, IReadOnlyList<CheckProblem> Problems) Check(string? answer, RunFacts facts)
    {
        if (facts.Categorized)
        {
            var byCategory = CategoryDraft.Parse(answer, out var problem);
            if (byCategory is null) return (null, [problem!]);
            var problems = CategoryChecks.Problems(byCategory, facts);
            if (problems.Count > 0) return (null, problems);
            var (passing, failing, advice) = CategorySummary.Assemble(byCategory, facts);
            return (new SummaryDraft(passing, failing, advice), []);
        }

        var draft = SummaryDraft.Parse(answer, out var parseProblem);
        if (draft is null) return (null, [parseProblem!]);
        var prose = SummaryChecks.Problems(draft, facts);
        return prose.Count > 0 ? (null, prose) : (draft, []);
    }
}
