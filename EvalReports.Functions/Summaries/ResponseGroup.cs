namespace EvalReports.Summaries;

/// <summary>
/// The scored responses of a whole run, or of one prompt category, with their statistics, themes and the keyword
/// signals (jailbreak framings, agent failure kinds) found in the failing ones, most frequent first.
/// </summary>
internal sealed record ResponseGroup(
    string? Category,
    RunStatistics Statistics,
    IReadOnlyList<ScoredItem> Passing,
    IReadOnlyList<ScoredItem> Failing,
    ItemThemes PassingThemes,
    ItemThemes FailingThemes,
    IReadOnlyList<SignalMatch> FailingSignals)
{
    /// <summary>" in this category" for category sections, "" for a whole run.</summary>
    public string Scope => Category is null ? string.Empty : " in this category";
}
