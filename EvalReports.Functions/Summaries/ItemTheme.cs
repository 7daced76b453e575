namespace EvalReports.Summaries;

/// <summary>A theme over scored responses: its label, members (in run order) and the most central member.</summary>
internal sealed record ItemTheme(string Label, IReadOnlyList<ScoredItem> Members, ScoredItem Central)
{
    public int Count => Members.Count;
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
        var themes = new ItemTheme[found.Count];
        for (var t = 0; t < found.Count; t++)
        {
            var theme = found[t];
            var members = new ScoredItem[theme.Members.Count];
            for (var m = 0; m < members.Length; m++) members[m] = explained[theme.Members[m]];
            themes[t] = new ItemTheme(theme.Label, members, explained[theme.Central]);
        }
        return new ItemThemes(themes, items.Count, items.Count - explained.Count);
    }
}

/// <summary>A run's theme finder and the corpus of all its explanations.</summary>
internal sealed record ThemeSource(ThemeFinder Finder, ThemeCorpus Corpus);
