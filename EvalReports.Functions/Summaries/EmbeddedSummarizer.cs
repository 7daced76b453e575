namespace EvalReports.Summaries;

/// <summary>
/// The built-in summarizer: deterministic, offline, BCL only. Counts and percentages come straight from the data
/// (see <see cref="Percent"/> for the rounding rule), themes from <see cref="ThemeFinder"/>, quotes are verbatim
/// <see cref="Excerpt"/>s of the run's prompts, responses, explanations and AI instructions.
/// </summary>
public sealed class EmbeddedSummarizer : ISummarizer
{
    public const string SummarizerName = "embedded";

    public string Name => SummarizerName;

    public Task<RunSummary> SummarizeRunAsync(RunSummaryInput input, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(SummarizeRun(input));
    }

    public Task<SuiteSummary> SummarizeSuiteAsync(IReadOnlyList<RunDigest> runs, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(SuiteSummaryWriter.Write(runs));
    }

    /// <summary>The synchronous core of <see cref="SummarizeRunAsync"/>.</summary>
    public static RunSummary SummarizeRun(RunSummaryInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var run = RunAnalysis.Of(input);
        using var corpus = run.Corpus;

        string passing, failing;
        if (run.Categorized && run.Statistics.Scored > 0)
        {
            passing = CategorySections.Join(run.Groups.Select(group => CategorySections.Section(group.Category!, ResponseSummaryWriter.Passing(group, run.Kind))));
            failing = CategorySections.Join(run.Groups.Select(group => CategorySections.Section(group.Category!, ResponseSummaryWriter.Failing(group, run.Kind))));
        }
        else
        {
            var whole = run.Groups.Count == 1 ? run.Groups[0] : EmptyGroup(run);
            passing = ResponseSummaryWriter.Passing(whole, run.Kind);
            failing = ResponseSummaryWriter.Failing(whole, run.Kind);
        }

        return new RunSummary(passing, failing, AdviceWriter.Write(run), RunDigestBuilder.Build(input, run));
    }

    private static ResponseGroup EmptyGroup(RunAnalysis run)
    {
        var none = new ItemThemes([], 0, 0);
        return new ResponseGroup(null, run.Statistics, [], [], none, none, []);
    }
}
