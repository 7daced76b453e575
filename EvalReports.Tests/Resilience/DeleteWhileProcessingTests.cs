using EvalReports.Tests.Support;

namespace EvalReports.Tests.Resilience;

/// <summary>
/// Deleting a report at other moments than EndToEnd covers (there: while run reports are being built): while the
/// suite summary is being written, and straight after the request, before the orchestration has done anything.
/// </summary>
public sealed class DeleteWhileProcessingTests(Azurite azurite, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<Azurite>
{
    [Fact]
    public async Task Deleting_while_the_overall_summary_is_being_written_leaves_nothing_in_any_table()
    {
        var summarizer = new GatedSummarizer { HoldSuite = true };
        await using var service = await LiveService.StartAsync(
            azurite.Settings(s => s with { DevWorkspaceUuid = "ws-delfin-" + Guid.NewGuid().ToString("N")[..8] }), summarizer);
        var runs = new[] { await service.ImportRunAsync(SampleRuns.Safety("delfin-a", 5, 3)), await service.ImportRunAsync(SampleRuns.Safety("delfin-b", 5, 1)) };
        var before = await azurite.ContentSnapshotAsync();
        var id = await service.CreateReportAsync(runs);
        await summarizer.Entered.WaitAsync(TimeSpan.FromSeconds(60));

        var delete = service.SendAsync("DELETE", $"/v2/eval-reports/{id}");
        await Task.Delay(300);
        summarizer.Open();
        Assert.Equal(204, (await delete).Status);
        await StoppedAsync(service, id);

        Assert.Equal(404, (await service.SendAsync("GET", $"/v2/eval-reports/{id}")).Status);
        Assert.Equal(before, await azurite.ContentSnapshotAsync());
    }

    [Fact]
    public async Task Deleting_reports_straight_after_creating_them_leaves_nothing_in_any_table()
    {
        await using var service = await LiveService.StartAsync(
            azurite.Settings(s => s with { DevWorkspaceUuid = "ws-delnow-" + Guid.NewGuid().ToString("N")[..8] }), logs: new TestOutputLogs(output));
        var run = await service.ImportRunAsync(SampleRuns.Safety("delnow-a", 5, 3));
        var before = await azurite.ContentSnapshotAsync();

        var ids = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => service.CreateReportAsync([run])));
        var deletes = await Task.WhenAll(ids.Select(id => service.SendAsync("DELETE", $"/v2/eval-reports/{id}")));
        Assert.All(deletes, d => Assert.Equal(204, d.Status));
        foreach (var id in ids)
        {
            await StoppedAsync(service, id);
        }

        Assert.Equal(0, (await service.SendAsync("GET", "/v2/eval-reports")).Json!["count"]!.GetValue<int>());
        Assert.Equal(before, await azurite.ContentSnapshotAsync());
    }

    /// <summary>Waits until the orchestration is gone (purged) or over, so no activity of it can still write.</summary>
    private static async Task StoppedAsync(LiveService service, string id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await service.Durable.Client.GetInstanceAsync(id) is { IsCompleted: false })
        {
            Assert.True(DateTime.UtcNow < deadline, $"orchestration {id} still running");
            await Task.Delay(100);
        }

        await Task.Delay(1000); // an activity dispatched before the stop may still finish its (self-removing) write
    }
}
