using EvalReports.Reports;
using EvalReports.Tests.Http;
using EvalReports.Tests.Support;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Moq;

namespace EvalReports.Tests.Bounds;

/// <summary>
/// One workspace cannot fill the shared queue: at most 10 reports (and, separately, 2 sandbox reports) created or
/// processing at once, exact under concurrency (the count changes in the same transaction as the report), 429 in the
/// envelope beyond, and a slot is free again as soon as a report ends or is deleted. The app's real defaults.
/// </summary>
public sealed class ActiveReportCapTests(Azurite azurite) : IClassFixture<Azurite>
{
    private static readonly EvalReportsLimits Defaults = new();

    /// <summary>What a user of a workspace gets (the numbers this suite promises), not read back from the settings.</summary>
    private const int ActiveLimit = 10;
    private const int SandboxActiveLimit = 2;

    [Fact]
    public async Task Thirty_concurrent_posts_make_exactly_ten_active_reports_and_the_rest_are_429_creating_nothing()
    {
        var (app, run) = await NewWorkspaceAsync();
        using var _ = app;
        var durable = DurableClientMock.Accepting();

        var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => Task.Run(() => PostAsync(app, run, durable))));

        Assert.Equal(ActiveLimit, responses.Count(r => r.Status == 200));
        Assert.All(responses.Where(r => r.Status != 200), r =>
        {
            var details = r.AssertError(429, "quota.limit_exceeded").Body!["error"]!["details"]!;
            Assert.Equal("active_reports_limit", details["reason"]!.GetValue<string>());
            Assert.Equal(ActiveLimit, details["active_limit"]!.GetValue<int>());
        });
        durable.Verify(c => c.ScheduleNewOrchestrationInstanceAsync(
            It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()), Times.Exactly(ActiveLimit));
        var list = await ListAsync(app);
        Assert.Equal(ActiveLimit, list.Body!["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Sandbox_reports_have_their_own_allowance_of_two()
    {
        var (app, run) = await NewWorkspaceAsync();
        using var _ = app;
        var durable = DurableClientMock.Accepting();

        var sandbox = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => PostAsync(app, run, durable, "is_sandbox=true"))));
        var regular = await PostAsync(app, run, durable);

        Assert.Equal(SandboxActiveLimit, sandbox.Count(r => r.Status == 200));
        Assert.All(sandbox.Where(r => r.Status != 200), r => Assert.True(
            r.AssertError(429, "quota.limit_exceeded").Body!["error"]!["details"]!["is_sandbox"]!.GetValue<bool>()));
        Assert.Equal(200, regular.Status); // sandbox reports do not use the regular allowance
    }

    [Fact]
    public async Task A_report_that_ends_or_is_deleted_frees_its_slot()
    {
        var (app, run) = await NewWorkspaceAsync();
        using var _ = app;
        var durable = DurableClientMock.Accepting();
        var ids = new List<string>();
        for (var i = 0; i < ActiveLimit; i++)
        {
            ids.Add((await PostAsync(app, run, durable)).Body!["eval_suite_report_uuid"]!.GetValue<string>());
        }

        (await PostAsync(app, run, durable)).AssertError(429, "quota.limit_exceeded");
        await app.Get<ReportActivities>().MarkFailedAsync(new ReportFailure(TestWorkspace(app), ids[0], "test"));
        Assert.Equal(200, (await PostAsync(app, run, durable)).Status);
        (await PostAsync(app, run, durable)).AssertError(429, "quota.limit_exceeded");

        var delete = HttpCall.Request("DELETE", $"/v2/eval-reports/{ids[1]}");
        Assert.Equal(204, HttpCall.Read(delete, await app.Reports.Delete(delete, ids[1], durable.Object)).Status);
        Assert.Equal(200, (await PostAsync(app, run, durable)).Status);
    }

    private static string TestWorkspace(TestApp app) => app.Get<EvalReportsSettings>().DevWorkspaceUuid;

    private async Task<(TestApp App, string Run)> NewWorkspaceAsync()
    {
        var workspace = "ws-cap-" + Guid.NewGuid().ToString("N");
        var app = new TestApp(azurite.Settings(s => s with { DevWorkspaceUuid = workspace }), limits: Defaults);
        var run = "caprun-" + Guid.NewGuid().ToString("N");
        Assert.Equal(201, (await app.ImportAsync(SampleRuns.Safety(run, 2, 1).ToJsonString())).Status);
        return (app, run);
    }

    private static async Task<Response> PostAsync(TestApp app, string run, Mock<DurableTaskClient> durable, string? query = null)
    {
        var request = HttpCall.Request("POST", "/v2/eval-reports", $$"""{"eval_run_uuids": ["{{run}}"]}""", query: query);
        return HttpCall.Read(request, await app.Reports.Create(request, durable.Object));
    }

    private static async Task<Response> ListAsync(TestApp app)
    {
        var request = HttpCall.Request("GET", "/v2/eval-reports");
        return HttpCall.Read(request, await app.Reports.List(request, DurableClientMock.Accepting().Object));
    }
}
