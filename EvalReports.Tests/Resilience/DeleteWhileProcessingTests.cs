using EvalReports.Reports;
using EvalReports.Tests.Support;

namespace EvalReports.Tests.Resilience;

/// <summary>
/// Deleting a report at other moments than EndToEnd covers (there: while run reports are being built): while the
/// suite summary is being written, and straight after the request, before the orchestration has done anything.
/// Each held activity goes on only after the DELETE has answered, so its late write is certain to be tried.
/// </summary>
public sealed class DeleteWhileProcessingTests(Azurite azurite, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<Azurite>
{
    [Fact]
    public async Task Deleting_while_the_overall_summary_is_being_written_leaves_nothing_in_any_table()
    {
        var summarizer = new GatedSummarizer { HoldSuite = true };
        var finishes = new ActivityGate(TaskNames.FinishReport, hold: false);
        await using var service = await LiveService.StartAsync(
            azurite.Settings(s => s with { DevWorkspaceUuid = "ws-delfin-" + Guid.NewGuid().ToString("N")[..8] }), summarizer, finishes);
        var runs = new[] { await service.ImportRunAsync(SampleRuns.Safety("delfin-a", 5, 3)), await service.ImportRunAsync(SampleRuns.Safety("delfin-b", 5, 1)) };
        var before = await azurite.ContentSnapshotAsync();
        var id = await service.CreateReportAsync(runs);
        await summarizer.Entered.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(204, (await service.SendAsync("DELETE", $"/v2/eval-reports/{id}")).Status);
        summarizer.Open();
        await finishes.FinishedAsync(1); // the finish that was under way has tried its write

        Assert.Equal(404, (await service.SendAsync("GET", $"/v2/eval-reports/{id}")).Status);
        Assert.Equal(before, await azurite.ContentSnapshotAsync());
    }

    [Fact]
    public async Task Deleting_reports_straight_after_creating_them_leaves_nothing_in_any_table()
    {
        // The in-process backend runs ProcessorCount activities at once: hold no more than that, or the rest never start.
        var reports = Math.Min(6, Environment.ProcessorCount);
        var starts = new ActivityGate(TaskNames.MarkReportProcessing);
        await using var service = await LiveService.StartAsync(
            azurite.Settings(s => s with { DevWorkspaceUuid = "ws-delnow-" + Guid.NewGuid().ToString("N")[..8] }), activities: starts, logs: new TestOutputLogs(output));
        var run = await service.ImportRunAsync(SampleRuns.Safety("delnow-a", 5, 3));
        var before = await azurite.ContentSnapshotAsync();

        var ids = await Task.WhenAll(Enumerable.Range(0, reports).Select(_ => service.CreateReportAsync([run])));
        await starts.EnteredAsync(reports); // each orchestration's first activity is about to mark its report processing
        var deletes = await Task.WhenAll(ids.Select(id => service.SendAsync("DELETE", $"/v2/eval-reports/{id}")));
        Assert.All(deletes, d => Assert.Equal(204, d.Status));
        starts.Open();
        await starts.FinishedAsync(reports);

        Assert.Equal(0, (await service.SendAsync("GET", "/v2/eval-reports")).Json!["count"]!.GetValue<int>());
        Assert.Equal(before, await azurite.ContentSnapshotAsync());
    }
}
