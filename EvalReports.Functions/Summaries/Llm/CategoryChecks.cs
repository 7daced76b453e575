namespace EvalReports.Summaries.Llm;

/// <summary>
/// What a per-category draft must pass: every category of the run present exactly once under its id from FACTS and no
/// other key; in each category the texts code does not write (passing when some passed, failing and advice when some
/// failed) checked like a prose field (<see cref="TextChecks"/>) against THAT category's figures; and the overall
/// paragraphs before the sections (passing when some passed, failing when some failed, advice optional) checked
/// against the whole run. Problems name categories by their id, never by name (names are imported data).
/// </summary>
public static class CategoryChecks
{
    public const int MinSectionChars = 20;
    public const int MaxSectionChars = 1_200;
    public const int MaxOverallChars = 800;

    public static IReadOnlyList<CheckProblem> Problems(CategoryDraft draft, RunFacts facts)
    {
        var problems = new List<CheckProblem>();
        if (draft.DuplicateKeys > 0) problems.Add($"{draft.DuplicateKeys} category key(s) appear more than once");

        var known = facts.Categories.Select(category => category.Id).ToHashSet(StringComparer.Ordinal);
        var unknown = draft.Categories.Keys.Count(key => !known.Contains(key));
        if (unknown > 0)
        {
            problems.Add($"{unknown} key(s) in \"{CategoryDraft.CategoriesKey}\" are not category ids from FACTS (use \"C1\", \"C2\", … exactly, add no other)");
        }

        problems.AddRange(OverallProblems(draft.Overall, facts));
        foreach (var category in facts.Categories)
        {
            if (!draft.Categories.TryGetValue(category.Id, out var texts))
            {
                problems.Add($"category {category.Id} is missing (its id must be the key)");
                continue;
            }

            problems.AddRange(CategoryProblems(category, texts));
        }

        return [.. problems.Distinct()]; // two patterns may flag the same sentence
    }

    private static IEnumerable<CheckProblem> OverallProblems(CategoryDraft.Texts overall, RunFacts facts)
    {
        var run = facts.Run;
        var required = new List<(string Key, string? Text)>();
        if (run.Passed > 0) required.Add((CategoryDraft.PassingKey, overall.Passing));
        if (run.Failed > 0) required.Add((CategoryDraft.FailingKey, overall.Failing));
        if (!string.IsNullOrWhiteSpace(overall.Advice)) required.Add((CategoryDraft.AdviceKey, overall.Advice));

        var problems = new List<CheckProblem>();
        foreach (var (key, text) in required)
        {
            var field = $"\"{CategoryDraft.OverallKey}.{key}\"";
            problems.AddRange(TextChecks.Form(field, text, MinSectionChars, MaxOverallChars));
            if (string.IsNullOrWhiteSpace(text)) continue;
            problems.AddRange(TextChecks.Numbers(field, text, facts.Overall, run, "the run's computed"));
            problems.AddRange(TextChecks.Claims(field, text, run));
        }

        if (problems.Count > 0) return problems;
        if (run.Passed > 0 && !TextChecks.States(overall.Passing!, run.Passed, run.Scored))
        {
            problems.Add($"\"{CategoryDraft.OverallKey}.{CategoryDraft.PassingKey}\" does not state the run's number of passing responses ({run.Passed})");
        }

        if (run.Failed > 0 && !TextChecks.States(overall.Failing!, run.Failed, run.Scored))
        {
            problems.Add($"\"{CategoryDraft.OverallKey}.{CategoryDraft.FailingKey}\" does not state the run's number of failing responses ({run.Failed})");
        }

        return problems;
    }

    private static IEnumerable<CheckProblem> CategoryProblems(CategoryFacts category, CategoryDraft.Texts texts)
    {
        var scope = category.Scope;
        var required = new List<(string Key, string? Text)>();
        if (scope.Passed > 0) required.Add((CategoryDraft.PassingKey, texts.Passing));
        if (scope.Failed > 0)
        {
            required.Add((CategoryDraft.FailingKey, texts.Failing));
            required.Add((CategoryDraft.AdviceKey, texts.Advice));
        }

        var problems = new List<CheckProblem>();
        foreach (var (key, text) in required)
        {
            var field = $"\"{key}\" of category {category.Id}";
            problems.AddRange(TextChecks.Form(field, text, MinSectionChars, MaxSectionChars));
            if (string.IsNullOrWhiteSpace(text)) continue;
            problems.AddRange(TextChecks.Numbers(field, text, scope, scope, "that category's computed"));
            problems.AddRange(TextChecks.Claims(field, text, scope));
        }

        if (problems.Count > 0) return problems;

        if (scope.Passed > 0 && !TextChecks.States(texts.Passing!, scope.Passed, scope.Scored))
        {
            problems.Add($"\"{CategoryDraft.PassingKey}\" of category {category.Id} does not state the category's number of passing responses ({scope.Passed})");
        }

        if (scope.Failed > 0 && !TextChecks.States(texts.Failing!, scope.Failed, scope.Scored))
        {
            problems.Add($"\"{CategoryDraft.FailingKey}\" of category {category.Id} does not state the category's number of failing responses ({scope.Failed})");
        }

        return problems;
    }
}
