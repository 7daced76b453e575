namespace EvalReports.Summaries;

/// <summary>
/// A theme over scored responses: its label (a clause saying what the AI did, see <see cref="ClauseLabel"/>), the
/// short phrase the theme was found by, its members (in run order) and the most central member. Predicate: the
/// label reads after "the AI" ("gave a dose …").
/// </summary>
internal sealed record ItemTheme(string Label, IReadOnlyList<ScoredItem> Members, ScoredItem Central)
{
    public int Count => Members.Count;

    public string Phrase { get; init; } = Label;

    public bool Predicate { get; init; }
}

/// <summary>The themes of the passing (or failing) responses of a group, and what did not fit any.</summary>
internal sealed record ItemThemes(IReadOnlyList<ItemTheme> Themes, int Total, int WithoutExplanation)
{
    /// <summary>How many themes are shown; the rest are lumped together.</summary>
    public const int Shown = 5;

    public IEnumerable<ItemTheme> ShownThemes => Themes.Take(Shown);

    /// <summary>Responses with an explanation that are in no shown theme.</summary>
    public int Others => Total - WithoutExplanation - ShownThemes.Sum(theme => theme.Count);

    public static ItemThemes Find(IReadOnlyList<ScoredItem> items, ThemeSource source)
    {
        var explained = new List<ScoredItem>(items.Count);
        var indexes = new List<int>(items.Count);
        foreach (var item in items)
        {
            if (item.ExplanationIndex < 0) continue;
            explained.Add(item);
            indexes.Add(item.ExplanationIndex);
        }

        var found = source.Finder.Find(source.Corpus, indexes);
        var themes = new List<ItemTheme>(found.Count);
        var byLabel = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var theme in found)
        {
            var members = new ScoredItem[theme.Members.Count];
            var docs = new int[members.Length];
            for (var m = 0; m < members.Length; m++)
            {
                members[m] = explained[theme.Members[m]];
                docs[m] = members[m].ExplanationIndex;
            }
            var clause = ClauseLabel.ForTheme(source.Corpus, docs, source.English);
            var label = clause?.Text ?? (source.English ? $"explanations mention {theme.Label}" : theme.Label);
            // Two clusters can read as the same clause: they are one theme to a reader.
            if (byLabel.TryGetValue(label, out var existing))
            {
                var merged = themes[existing];
                var all = merged.Members.Concat(members).OrderBy(item => item.ExplanationIndex).ToArray();
                themes[existing] = merged with { Members = all };
                continue;
            }
            byLabel.Add(label, themes.Count);
            // The example is the member the label was taken from, so the two agree.
            var central = clause is { } c ? members.FirstOrDefault(m => m.ExplanationIndex == c.Doc) ?? explained[theme.Central] : explained[theme.Central];
            themes.Add(new ItemTheme(label, members, central) { Phrase = theme.Label, Predicate = clause?.Predicate ?? false });
        }
        var ordered = themes.Select((theme, index) => (theme, index)).OrderByDescending(x => x.theme.Count).ThenBy(x => x.index).Select(x => x.theme).ToArray();
        return new ItemThemes(ordered, items.Count, items.Count - explained.Count);
    }
}

/// <summary>A run's theme finder and the corpus of all its explanations.</summary>
internal sealed record ThemeSource(ThemeFinder Finder, ThemeCorpus Corpus, bool English);
