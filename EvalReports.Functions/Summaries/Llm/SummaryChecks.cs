namespace EvalReports.Summaries.Llm;

/// <summary>
/// What a model's prose draft (a run without categories; <see cref="CategoryChecks"/> checks the others) must pass
/// before it is used: the three fields present, plain and within length limits, every number in digits one of the
/// computed figures, the passing text stating the number passed and the failing text the number failed (digits or
/// words), stated figures about the right thing where that can be checked, and no claim about the whole run its
/// numbers contradict (see <see cref="TextChecks"/>).
/// </summary>
public static class SummaryChecks
{
    public const int MinFieldChars = 20;
    public const int MaxFieldChars = 2_500;

    public static IReadOnlyList<CheckProblem> Problems(SummaryDraft draft, RunFacts facts)
    {
        var problems = new List<CheckProblem>();
        var run = facts.Run;
        var fields = new (string Key, string? Text)[]
        {
            (SummaryDraft.PassingKey, draft.PassingResponsesSummary),
            (SummaryDraft.FailingKey, draft.FailingResponsesSummary),
            (SummaryDraft.AdviceKey, draft.ImprovementAdvice),
        };
        foreach (var (key, text) in fields)
        {
            var field = $"\"{key}\"";
            var form = TextChecks.Form(field, text, MinFieldChars, MaxFieldChars).ToList();
            problems.AddRange(form);
            if (string.IsNullOrWhiteSpace(text)) continue;
            problems.AddRange(TextChecks.Numbers(field, text, run, run, "the computed"));
            problems.AddRange(TextChecks.Claims(field, text, run));
        }

        if (problems.Count > 0) return [.. problems.Distinct()]; // two patterns may flag the same sentence

        if (run.Passed > 0 && !TextChecks.States(draft.PassingResponsesSummary!, run.Passed, run.Scored))
        {
            problems.Add($"\"{SummaryDraft.PassingKey}\" does not state the number of passing responses ({run.Passed}, in digits or words)");
        }

        if (run.Failed > 0 && !TextChecks.States(draft.FailingResponsesSummary!, run.Failed, run.Scored))
        {
            problems.Add($"\"{SummaryDraft.FailingKey}\" does not state the number of failing responses ({run.Failed}, in digits or words)");
        }

        return problems;
    }
}
