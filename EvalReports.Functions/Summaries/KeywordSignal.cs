namespace EvalReports.Summaries;

/// <summary>
/// A pattern recognised by keywords (case-insensitive substrings) in a failing response's prompt and explanation,
/// with the rule the advice proposes against it.
/// </summary>
internal sealed record KeywordSignal(string Name, string Headline, IReadOnlyList<string> Keywords, string Rule)
{
    public bool Matches(ScoredItem item) => Contains(item.PromptText) || Contains(item.Explanation);

    private bool Contains(string? text)
    {
        if (text is null) return false;
        foreach (var keyword in Keywords)
        {
            if (text.Contains(keyword, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>The signals found in at least one item, most frequent first (ties keep the list order), with the matching items.</summary>
    public static IReadOnlyList<(KeywordSignal Signal, int Count, IReadOnlyList<ScoredItem> Items)> Count(IReadOnlyList<KeywordSignal> signals, IReadOnlyList<ScoredItem> items) =>
        signals
            .Select(signal => (Signal: signal, Items: (IReadOnlyList<ScoredItem>)items.Where(signal.Matches).ToArray()))
            .Where(found => found.Items.Count > 0)
            .Select(found => (found.Signal, found.Items.Count, found.Items))
            .OrderByDescending(found => found.Count)
            .ToArray();
}
