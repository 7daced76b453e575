namespace EvalReports.Summaries;

/// <summary>The text-free digest of a run: counts, failure themes (label and size), categories and advice headlines.</summary>
internal static class RunDigestBuilder
{
    public const int MaxThemes = 8;
    public const int MaxAdvice = 3;

    public static RunDigest Build(RunSummaryInput input, RunAnalysis run)
    {
        var s = run.Statistics;
        return new RunDigest
        {
            EvalRunUuid = input.Run.EvalRunUuid,
            Name = run.RunName,
            EvalType = input.Run.Evaluation?.EvalType,
            Scored = s.Scored,
            Passed = s.Passed,
            Failed = s.Failed,
            Refused = s.Refused,
            Excluded = s.Excluded,
            FailingThemes = run.Groups
                .SelectMany(group => group.FailingThemes.ShownThemes.Select(theme => new ThemeCount(theme.Label, theme.Count) { Predicate = theme.Predicate }).Concat(Singles(run, group)))
                .OrderByDescending(theme => theme.Count)
                .ThenBy(theme => theme.Label, StringComparer.Ordinal)
                .Take(MaxThemes)
                .ToArray(),
            Categories = run.Categorized
                ? run.Groups.Select(group => new CategoryCount(group.Category!, group.Statistics.Scored, group.Statistics.Passed)).ToArray()
                : [],
            TopAdvice = AdviceWriter.TopHeadlines(run, MaxAdvice),
        };
    }

    /// <summary>A small group's failures that are in no theme, each as a pattern of one (they are listed one by one too).</summary>
    private static IEnumerable<ThemeCount> Singles(RunAnalysis run, ResponseGroup group)
    {
        if (group.Failing.Count > ResponseSummaryWriter.SmallGroup) yield break;
        var covered = group.FailingThemes.ShownThemes.SelectMany(theme => theme.Members).ToHashSet();
        foreach (var item in group.Failing)
        {
            if (covered.Contains(item) || item.ExplanationIndex < 0) continue;
            if (ClauseLabel.ForText(run.Corpus, item.ExplanationIndex, run.English) is { } reason) yield return new ThemeCount(reason.Text, 1) { Predicate = reason.Predicate };
        }
    }
}
