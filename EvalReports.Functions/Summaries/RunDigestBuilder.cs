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
                .SelectMany(group => group.FailingThemes.ShownThemes)
                .OrderByDescending(theme => theme.Count)
                .ThenBy(theme => theme.Label, StringComparer.Ordinal)
                .Take(MaxThemes)
                .Select(theme => new ThemeCount(theme.Label, theme.Count))
                .ToArray(),
            Categories = run.Categorized
                ? run.Groups.Select(group => new CategoryCount(group.Category!, group.Statistics.Scored, group.Statistics.Passed)).ToArray()
                : [],
            TopAdvice = AdviceWriter.TopHeadlines(run, MaxAdvice),
        };
    }
}
