using EvalReports.Summaries;
using EvalReports.Tests.EndToEnd;
using EvalReports.Tests.Support;
using Xunit;

namespace EvalReports.Tests.Summaries;

/// <summary>
/// A run that takes longer to summarize than its budget ends the report as <c>failed</c> with a readable reason, once:
/// the failure is final, not retried (a retry would take as long again). Real orchestration, real Azurite; the budget
/// is injected as zero so any run exceeds it.
/// </summary>
public sealed class SummaryBudgetTests(Azurite azurite) : IClassFixture<Azurite>
{
    [Fact]
    public async Task A_run_over_the_budget_fails_the_report_with_a_reason_and_is_not_retried()
    {
        var summarizer = new CountingSummarizer(new EmbeddedSummarizer(TimeSpan.Zero));
        using var app = new TestApp(azurite.Settings(), summarizer);
        await using var durable = await InProcessDurable.StartAsync(app);
        var client = new ReportClient(app, durable.Client);
        var run = $"budget-{Guid.NewGuid():N}";
        Assert.Equal(201, (await app.ImportAsync(SampleRuns.Safety(run, 20, 12).ToJsonString())).Status);

        var id = (await client.CreateAsync(run)).Body!["eval_suite_report_uuid"]!.GetValue<string>();
        var report = await client.WaitAsync(id);

        Assert.Equal("failed", report["status"]!.GetValue<string>());
        var error = report["error"]!.GetValue<string>();
        Assert.Contains($"Eval run {run}: The run is too large to summarize within 0 s; split it into smaller runs.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.Equal(1, summarizer.Calls);
    }

    [Fact]
    public async Task The_default_budget_lets_a_realistic_run_through()
    {
        var summary = await new EmbeddedSummarizer().SummarizeRunAsync(TestRuns.SafetyLarge().Input, CancellationToken.None);
        Assert.Equal(500, summary.Digest.Scored);
    }

    private sealed class CountingSummarizer(ISummarizer inner) : ISummarizer
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public string Name => inner.Name;

        public Task<RunSummary> SummarizeRunAsync(RunSummaryInput input, CancellationToken ct)
        {
            Interlocked.Increment(ref _calls);
            return inner.SummarizeRunAsync(input, ct);
        }

        public Task<SuiteSummary> SummarizeSuiteAsync(IReadOnlyList<RunDigest> runs, CancellationToken ct) => inner.SummarizeSuiteAsync(runs, ct);
    }
}
