using System.Text.Json.Nodes;
using EvalReports.Functions;
using EvalReports.Reports;
using EvalReports.Tests.Support;

namespace EvalReports.Tests.Resilience;

/// <summary>
/// Durable delivers activities at least once: every activity run again, in order or at the same time, after the report
/// finished or after it was deleted, must leave the same rows with the same uuids and never bring a report back.
/// </summary>
public sealed class AtLeastOnceActivityTests(Azurite azurite) : IClassFixture<Azurite>
{
    [Fact]
    public async Task Running_every_activity_of_a_finished_report_again_changes_no_row_and_no_uuid()
    {
        var workspace = "ws-twice-" + Guid.NewGuid().ToString("N")[..8];
        await using var service = await LiveService.StartAsync(azurite.Settings(s => s with { DevWorkspaceUuid = workspace }));
        var runs = new[]
        {
            await service.ImportRunAsync(SampleRuns.Safety("twice-a", 6, 4)),
            await service.ImportRunAsync(SampleRuns.Safety("twice-b", 6, 1)),
        };
        var id = await service.CreateReportAsync(runs);
        var first = await service.WaitForReportAsync(id, TimeSpan.FromSeconds(60));
        var rows = await azurite.SnapshotAsync();
        var functions = service.App.Get<SuiteReportFunctions>();
        var key = new ReportKey(workspace, id);

        Assert.True(await functions.MarkReportProcessing(key, CancellationToken.None));
        await Task.WhenAll(Enumerable.Range(0, 2).SelectMany(_ => runs.Select((run, i) =>
            functions.BuildRunReport(new RunReportRequest(workspace, id, run, i, false), CancellationToken.None))));
        Assert.True(await functions.FinishReport(key, CancellationToken.None));
        Assert.True(await functions.FinishReport(key, CancellationToken.None));

        Assert.Equal(rows, await azurite.SnapshotAsync());
        var again = await service.SendAsync("GET", $"/v2/eval-reports/{id}");
        Assert.Equal("finished", again.Json!["status"]!.GetValue<string>());
        Assert.Equal(Stable(first), Stable(again.Json));
    }

    [Fact]
    public async Task Activities_that_arrive_after_the_report_was_deleted_write_nothing()
    {
        var workspace = "ws-late-" + Guid.NewGuid().ToString("N")[..8];
        await using var service = await LiveService.StartAsync(azurite.Settings(s => s with { DevWorkspaceUuid = workspace }));
        var run = await service.ImportRunAsync(SampleRuns.Safety("late-a", 5, 3));
        var before = await azurite.ContentSnapshotAsync();
        var id = await service.CreateReportAsync([run]);
        await service.WaitForReportAsync(id, TimeSpan.FromSeconds(60));
        Assert.Equal(204, (await service.SendAsync("DELETE", $"/v2/eval-reports/{id}")).Status);
        var functions = service.App.Get<SuiteReportFunctions>();
        var key = new ReportKey(workspace, id);

        Assert.False(await functions.MarkReportProcessing(key, CancellationToken.None));
        Assert.True((await functions.BuildRunReport(new RunReportRequest(workspace, id, run, 0, false), CancellationToken.None)).ReportDeleted);
        Assert.False(await functions.FinishReport(key, CancellationToken.None));
        await functions.MarkReportFailed(new ReportFailure(workspace, id, "late"), CancellationToken.None);

        Assert.Equal(before, await azurite.ContentSnapshotAsync());
        Assert.Equal(404, (await service.SendAsync("GET", $"/v2/eval-reports/{id}")).Status);
    }

    [Fact]
    public async Task A_late_failure_of_a_report_that_already_finished_does_not_overwrite_it()
    {
        var workspace = "ws-latefail-" + Guid.NewGuid().ToString("N")[..8];
        await using var service = await LiveService.StartAsync(azurite.Settings(s => s with { DevWorkspaceUuid = workspace }));
        var run = await service.ImportRunAsync(SampleRuns.Safety("latefail-a", 5, 3));
        var id = await service.CreateReportAsync([run]);
        var finished = await service.WaitForReportAsync(id, TimeSpan.FromSeconds(60));

        // FinishReport wrote the report, then its completion was lost and the orchestration gave up on it.
        await service.App.Get<SuiteReportFunctions>().MarkReportFailed(new ReportFailure(workspace, id, "FinishReport failed after retries"), CancellationToken.None);

        var after = (await service.SendAsync("GET", $"/v2/eval-reports/{id}")).Json!;
        Assert.Equal("finished", after["status"]!.GetValue<string>());
        Assert.Null(after["error"]);
        Assert.Equal(finished.ToJsonString(), after.ToJsonString());
    }

    /// <summary>The report without updated_at, which a repeated FinishReport may move forward.</summary>
    private static string Stable(JsonNode report)
    {
        var copy = report.DeepClone().AsObject();
        copy.Remove("updated_at");
        return copy.ToJsonString();
    }
}
