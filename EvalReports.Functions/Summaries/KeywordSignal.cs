using System.Buffers;

namespace EvalReports.Summaries;

/// <summary>
/// A pattern recognised by keywords (case-insensitive substrings) in a failing response's prompt and explanation,
/// with the rule the advice proposes against it.
/// </summary>
internal sealed record KeywordSignal(string Name, string Headline, IReadOnlyList<string> Keywords, string Rule)
{
    // One vectorised multi-string search per text instead of a scan per keyword.
    private readonly SearchValues<string> _search = SearchValues.Create(Keywords.ToArray(), StringComparison.OrdinalIgnoreCase);

    public bool Matches(ScoredItem item) => Contains(item.PromptText) || Contains(item.Explanation);

    private bool Contains(string? text) => text is not null && text.AsSpan().ContainsAny(_search);

    /// <summary>The signals found in at least one item, most frequent first (ties keep the list order), with the matching items.</summary>
    public static IReadOnlyList<SignalMatch> Count(IReadOnlyList<KeywordSignal> signals, IReadOnlyList<ScoredItem> items)
    {
        if (signals.Count == 0 || items.Count == 0) return [];
        var found = new List<SignalMatch>(signals.Count);
        foreach (var signal in signals)
        {
            List<ScoredItem>? matches = null;
            foreach (var item in items)
            {
                if (signal.Matches(item)) (matches ??= []).Add(item);
            }
            if (matches is not null) found.Add(new SignalMatch(signal, matches.Count, matches));
        }
        // List.Sort is not stable: order by count, then by the signal's place in the list.
        return found
            .Select((match, index) => (match, index))
            .OrderByDescending(x => x.match.Count)
            .ThenBy(x => x.index)
            .Select(x => x.match)
            .ToArray();
    }
}

/// <summary>A signal with the failing items it was found in.</summary>
internal sealed record SignalMatch(KeywordSignal Signal, int Count, IReadOnlyList<ScoredItem> Items);
