namespace EvalReports.Summaries;

/// <summary>
/// The built-in summarizer: deterministic, offline, BCL only. Counts and percentages come straight from the data
/// (see <see cref="Percent"/> for the rounding rule), themes from <see cref="ThemeFinder"/> named by
/// <see cref="ClauseLabel"/>, quotes are <see cref="Excerpt"/>s of the run's prompts, explanations and AI instructions.
/// Each run must be summarized within a <see cref="SummaryBudget"/> (<see cref="SummaryBudget.Default"/> unless given).
/// </summary>
public sealed class EmbeddedSummarizer : ISummarizer
{
    public const string SummarizerName = "embedded";

    private readonly TimeSpan _budget;

    public EmbeddedSummarizer() : this(SummaryBudget.Default)
    {
    }

    public EmbeddedSummarizer(TimeSpan budget) => _budget = budget;

    public string Name => SummarizerName;

    public Task<RunSummary> SummarizeRunAsync(RunSummaryInput input, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(SummarizeRun(input, new SummaryBudget(_budget)));
    }

    public Task<SuiteSummary> SummarizeSuiteAsync(IReadOnlyList<RunDigest> runs, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(SuiteSummaryWriter.Write(runs));
    }

    /// <summary>The synchronous core of <see cref="SummarizeRunAsync"/>.</summary>
    public static RunSummary SummarizeRun(RunSummaryInput input) => SummarizeRun(input, null);

    public static RunSummary SummarizeRun(RunSummaryInput input, SummaryBudget? budget)
    {
        ArgumentNullException.ThrowIfNull(input);
        var run = RunAnalysis.Of(input, budget);
        using var corpus = run.Corpus;

        string passing, failing;
        if (run.Categorized && run.Statistics.Scored > 0)
        {
            passing = CategorySections.Join(run.Groups.Select((group, i) => CategorySections.Section(run.Tags[i], group.Category!, ResponseSummaryWriter.Passing(group, run))));
            failing = CategorySections.Join(run.Groups.Select((group, i) => CategorySections.Section(run.Tags[i], group.Category!, ResponseSummaryWriter.Failing(group, run))));
        }
        else
        {
            var whole = run.Groups.Count == 1 ? run.Groups[0] : EmptyGroup(run);
            passing = ResponseSummaryWriter.Passing(whole, run);
            failing = ResponseSummaryWriter.Failing(whole, run);
        }
        budget?.Check();
        var advice = AdviceWriter.Write(run);
        budget?.Check();
        return new RunSummary(passing, failing, advice, RunDigestBuilder.Build(input, run));
    }

    private static ResponseGroup EmptyGroup(RunAnalysis run)
    {
        var none = new ItemThemes([], 0, 0);
        return new ResponseGroup(null, run.Statistics, [], [], none, none, []);
    }
}
