using Azure.Data.Tables;
using EvalReports.Contracts;
using EvalReports.Stats;
using EvalReports.Storage;
using EvalReports.Summaries;
using EvalReports.Tests.Support;

namespace EvalReports.Tests.Stats;

/// <summary>
/// A baseline made before stats existed (its run-report rows have no stats, eval or name columns) whose run was
/// deleted since: it is still matched by eval and compared on the counts its run header kept.
/// </summary>
public sealed class LegacyBaselineTests(Azurite azurite) : IClassFixture<Azurite>
{
    [Fact]
    public async Task An_old_baseline_row_is_matched_from_its_run_header_and_compared_on_its_counts()
    {
        var storage = azurite.Storage;
        var reports = new ReportStore(storage, new ActiveReportIndex(storage));
        const string workspace = "ws-legacy";
        var baseline = Guid.NewGuid().ToString();
        var now = DateTimeOffset.UtcNow;
        await reports.CreateAsync(new ReportRecord
        {
            WorkspaceUuid = workspace, ReportUuid = baseline, Status = ReportStatus.Finished, CreatedAt = now, UpdatedAt = now, EvalRunUuids = ["old-run"],
        }, _ => (null, false));
        var header = new EvalRunResult
        {
            EvalRunUuid = "old-run", EvalUuid = "eval-a", Name = "Old run", Status = "finished", CreatedAt = now, UpdatedAt = now,
            WorkspaceUuid = workspace, PassRate = 0.5, NumResponsesScored = 40,
        };
        var report = new EvalRunReport
        {
            EvalRunReportUuid = Guid.NewGuid().ToString(), EvalRunUuid = "old-run", EvalRun = header,
            PassingResponsesSummary = "p", FailingResponsesSummary = "f", ImprovementAdvice = "a",
        };
        Assert.True(await reports.SaveRunReportAsync(workspace, baseline, new RunReportRecord(report, new RunDigest { EvalRunUuid = "old-run" }, 0)));

        // Make the row look as rows did before this feature: no EvalUuid / RunName / Stats columns.
        var table = await storage.GetTableAsync(TableStorage.RunReports);
        var row = (await table.GetEntityAsync<TableEntity>($"{workspace}|{baseline}", "old-run")).Value;
        row.Remove("EvalUuid");
        row.Remove("RunName");
        await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);

        var facts = await reports.GetRunFactsAsync(workspace, baseline);
        Assert.Equal("eval-a", Assert.Single(facts).EvalUuid);
        Assert.Equal("Old run", facts[0].Name);

        ScoredResponse[] now40 = [.. Enumerable.Range(0, 40).Select(i => new ScoredResponse { PromptUuid = $"p{i}", IsPassed = i < 36 })];
        var current = StatsCalculator.ForRun([], now40);
        var comparison = await new BaselineComparisons(new EvalRunStore(storage, new FinishedRunIndex(storage)), reports).CompareAsync(
            workspace, baseline, header with { EvalRunUuid = "new-run" }, current, PromptOutcomes.Of(now40), CancellationToken.None);

        Assert.Equal("old-run", comparison.BaselineEvalRunUuid);
        Assert.Equal(20, comparison.BaselinePassed); // 0.5 of 40, from the header
        Assert.Equal("improved", comparison.Verdict); // 36/40 against 20/40
        Assert.Null(comparison.RegressedPrompts);
        Assert.Contains("deleted", comparison.Note);
    }
}
