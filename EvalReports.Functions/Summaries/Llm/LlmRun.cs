using EvalReports.Contracts;

namespace EvalReports.Summaries.Llm;

/// <summary>
/// A run as the LLM path sees it: its scored responses numbered in import order, grouped like the embedded summarizer
/// groups them (the whole run, or one group per prompt category in section order), with refusals counted from the
/// <c>ai_refused</c> flag and from explanations, and the members of each group's largest failing themes.
/// This is the one file that reads the embedded analysis; it takes the themes' members, never their keyword labels:
/// the model names the themes from their examples.
/// </summary>
internal sealed record LlmRun(EvalKind Kind, bool Categorized, IReadOnlyList<LlmItem> Items, IReadOnlyList<LlmGroup> Groups)
{
    public const int MaxThemes = 5;

    public static LlmRun Of(RunSummaryInput input)
    {
        var analysis = RunAnalysis.Of(input);
        var numbers = new Dictionary<ScoredResponse, int>(ReferenceEqualityComparer.Instance);
        foreach (var response in input.Responses ?? [])
        {
            if (response is null || response.ExcludeFromScoring == true || response.IsPassed is null) continue;
            numbers.TryAdd(response, numbers.Count + 1);
        }

        var all = new List<LlmItem>();
        var groups = new List<LlmGroup>();
        foreach (var group in analysis.Groups)
        {
            var items = new Dictionary<ScoredItem, LlmItem>(ReferenceEqualityComparer.Instance);
            foreach (var scored in group.Passing.Concat(group.Failing))
            {
                items[scored] = new LlmItem(
                    numbers[scored.Response],
                    scored.Response,
                    scored.PromptText,
                    scored.Explanation,
                    group.Category,
                    scored.Passed,
                    scored.Refused && !scored.RefusalFromExplanation,
                    scored.RefusalFromExplanation); // the embedded summarizer's reading, so both paths count alike
            }

            var themes = group.FailingThemes.ShownThemes.Take(MaxThemes)
                .Select(theme => (IReadOnlyList<LlmItem>)[items[theme.Central], .. theme.Members.Where(m => !ReferenceEquals(m, theme.Central)).Select(m => items[m])])
                .ToList();
            var ordered = items.Values.OrderBy(item => item.Number).ToList();
            all.AddRange(ordered);
            groups.Add(new LlmGroup(group.Category, ordered, group.Statistics.Excluded + group.Statistics.WithoutVerdict, themes));
        }

        return new LlmRun(analysis.Kind, analysis.Categorized, [.. all.OrderBy(item => item.Number)], groups);
    }
}

/// <summary>One scored response: its number (import order among scored responses), texts and verdict.</summary>
internal sealed record LlmItem(int Number, ScoredResponse Response, string? Prompt, string? Explanation, string? Category, bool Passed, bool RefusedFlag, bool RefusalInExplanation)
{
    public bool Refused => RefusedFlag || RefusalInExplanation;
}

/// <summary>The whole run or one category: its responses, counts, and its failing themes (members, central first).</summary>
internal sealed record LlmGroup(string? Category, IReadOnlyList<LlmItem> Items, int Excluded, IReadOnlyList<IReadOnlyList<LlmItem>> FailingThemes)
{
    public int Scored => Items.Count;
    public int Passed => Items.Count(item => item.Passed);
    public int Failed => Scored - Passed;
    public int RefusedFlagged => Items.Count(item => item.RefusedFlag);
    public int Refusals => Items.Count(item => item.Refused);
    public int RefusalsPassing => Items.Count(item => item.Passed && item.Refused);
    public int RefusalsFailing => Items.Count(item => !item.Passed && item.Refused);
}
