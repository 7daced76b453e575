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

    public static ItemThemes Find(IReadOnlyList<ScoredItem> items, ThemeFinder finder)
    {
        var explained = new List<ScoredItem>(items.Count);
        var texts = new List<string>(items.Count);
        foreach (var item in items)
        {
            if (!item.HasExplanation) continue;
            explained.Add(item);
            texts.Add(item.Explanation!);
        }

        var themes = finder.Find(texts)
            .Select(theme => new ItemTheme(theme.Label, theme.Members.Select(i => explained[i]).ToArray(), explained[theme.Central]))
            .ToArray();
        return new ItemThemes(themes, items.Count, items.Count - explained.Count);
    }
}
