using System.Text.Json.Nodes;
using Azure.Data.Tables;
using EvalReports.Tests.Http;
using EvalReports.Tests.Support;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Moq;

namespace EvalReports.Tests.Quotas;

/// <summary>Per-workspace report quotas: exact under concurrency, shown on every report response, sandbox-free.</summary>
public sealed class QuotaTests(Azurite azurite) : IClassFixture<Azurite>
{
    [Fact]
    public async Task Sixty_concurrent_posts_against_a_limit_of_thirty_create_exactly_thirty_reports()
    {
        var (app, workspace, run) = await NewWorkspaceAsync();
        using var _ = app;
        (await SetLimitAsync(app, workspace, "30")).AssertOk();
        var durable = DurableClientMock.Accepting();

        var responses = await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => Task.Run(() => PostAsync(app, run, durable))));

        var created = responses.Where(r => r.Status == 200).ToList();
        var refused = responses.Where(r => r.Status != 200).ToList();
        Assert.Equal(30, created.Count);
        Assert.Equal(30, refused.Count);
        Assert.All(refused, r => r.AssertError(429, "quota.limit_exceeded"));
        // Each success saw a different count: no unit was handed out twice.
        Assert.Equal(Enumerable.Range(0, 30), created.Select(r => r.Body!["remaining_reports"]!.GetValue<int>()).Order());
        Assert.Equal(30, created.Select(r => r.Body!["eval_suite_report_uuid"]!.GetValue<string>()).Distinct().Count());
        Assert.Equal(30, await CountReportRowsAsync(workspace));
        durable.Verify(c => c.ScheduleNewOrchestrationInstanceAsync(
            It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()), Times.Exactly(30));
        var quota = (await GetQuotaAsync(app, workspace)).Body!;
        Assert.Equal(30, quota["reports_used"]!.GetValue<int>());
        Assert.Equal(0, quota["remaining_reports"]!.GetValue<int>());
        Assert.Equal(0, (await ListAsync(app)).Body!["items"]![0]!["remaining_reports"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_report_built_by_a_real_orchestration_takes_one_unit_and_shows_what_is_left_when_finished()
    {
        var (app, workspace, run) = await NewWorkspaceAsync();
        using var _ = app;
        await using var durable = await InProcessDurable.StartAsync(app);
        await SetLimitAsync(app, workspace, "3");
        var client = new EndToEnd.ReportClient(app, durable.Client);

        var created = await client.CreateAsync(run);
        var finished = await client.WaitAsync(created.Body!["eval_suite_report_uuid"]!.GetValue<string>());

        Assert.Equal(2, created.Body["remaining_reports"]!.GetValue<int>());
        Assert.Equal("finished", finished["status"]!.GetValue<string>());
        Assert.Equal(2, finished["remaining_reports"]!.GetValue<int>());
        Assert.Equal(1, (await GetQuotaAsync(app, workspace)).Body!["reports_used"]!.GetValue<int>());
    }

    [Fact]
    public async Task Without_a_quota_remaining_reports_is_null_everywhere()
    {
        var (app, _, run) = await NewWorkspaceAsync();
        using var _ = app;

        var created = await PostAsync(app, run, DurableClientMock.Accepting());
        var id = created.Body!["eval_suite_report_uuid"]!.GetValue<string>();

        Assert.Equal(200, created.Status);
        Assert.True(created.Body.AsObject().ContainsKey("remaining_reports"));
        Assert.Null(created.Body["remaining_reports"]);
        Assert.Null((await GetAsync(app, id)).Body!["remaining_reports"]);
        Assert.Null((await ListAsync(app)).Body!["items"]![0]!["remaining_reports"]);
    }

    [Fact]
    public async Task Remaining_reports_is_on_post_get_and_list_sandbox_reports_are_free_and_a_post_beyond_the_limit_creates_nothing()
    {
        var (app, workspace, run) = await NewWorkspaceAsync();
        using var _ = app;
        await SetLimitAsync(app, workspace, "2");
        var durable = DurableClientMock.Accepting();

        var sandbox = await PostAsync(app, run, durable, "is_sandbox=true");
        Assert.Equal(2, sandbox.Body!["remaining_reports"]!.GetValue<int>());
        Assert.True(sandbox.Body["is_sandbox"]!.GetValue<bool>());
        var first = await PostAsync(app, run, durable);
        Assert.Equal(1, first.Body!["remaining_reports"]!.GetValue<int>());
        Assert.Equal(1, (await GetAsync(app, first.Body["eval_suite_report_uuid"]!.GetValue<string>())).Body!["remaining_reports"]!.GetValue<int>());
        Assert.All((await ListAsync(app)).Body!["items"]!.AsArray(), item => Assert.Equal(1, item!["remaining_reports"]!.GetValue<int>()));
        Assert.Equal(0, (await PostAsync(app, run, durable)).Body!["remaining_reports"]!.GetValue<int>());

        var before = await azurite.SnapshotAsync();
        var refused = (await PostAsync(app, run, durable)).AssertError(429, "quota.limit_exceeded");
        Assert.Equal(0, refused.Body!["error"]!["details"]!["remaining_reports"]!.GetValue<int>());
        Assert.Equal(before, await azurite.SnapshotAsync());

        Assert.Equal(200, (await PostAsync(app, run, durable, "is_sandbox=true")).Status);
        Assert.Equal(2, (await GetQuotaAsync(app, workspace)).Body!["reports_used"]!.GetValue<int>());
        durable.Verify(c => c.ScheduleNewOrchestrationInstanceAsync(
            It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()), Times.Exactly(4));
    }

    [Fact]
    public async Task A_report_that_fails_to_start_gives_its_unit_back()
    {
        var (app, workspace, run) = await NewWorkspaceAsync();
        using var _ = app;
        await SetLimitAsync(app, workspace, "1");
        var broken = new Mock<DurableTaskClient>("broken");
        broken.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(
                It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("task hub unavailable"));

        (await PostAsync(app, run, broken)).AssertError(500, "server.internal_error");

        Assert.Equal(0, (await GetQuotaAsync(app, workspace)).Body!["reports_used"]!.GetValue<int>());
        Assert.Equal(0, await CountReportRowsAsync(workspace));
        Assert.Equal(0, (await PostAsync(app, run, DurableClientMock.Accepting())).Body!["remaining_reports"]!.GetValue<int>());
    }

    [Fact]
    public async Task Deleting_a_report_does_not_give_its_unit_back()
    {
        var (app, workspace, run) = await NewWorkspaceAsync();
        using var _ = app;
        await SetLimitAsync(app, workspace, "1");
        var durable = DurableClientMock.Accepting();
        var id = (await PostAsync(app, run, durable)).Body!["eval_suite_report_uuid"]!.GetValue<string>();

        var delete = HttpCall.Request("DELETE", $"/v2/eval-reports/{id}");
        Assert.Equal(204, HttpCall.Read(delete, await app.Reports.Delete(delete, id, durable.Object)).Status);

        (await PostAsync(app, run, durable)).AssertError(429, "quota.limit_exceeded");
    }

    [Fact]
    public async Task The_admin_can_raise_lower_and_remove_a_limit_and_the_count_is_kept()
    {
        var (app, workspace, run) = await NewWorkspaceAsync();
        using var _ = app;
        var durable = DurableClientMock.Accepting();
        var set = (await SetLimitAsync(app, workspace, "1")).AssertOk().Body!;
        Assert.Equal(workspace, set["workspace_uuid"]!.GetValue<string>());
        Assert.Equal(1, set["report_limit"]!.GetValue<int>());
        Assert.Equal(200, (await PostAsync(app, run, durable)).Status);
        (await PostAsync(app, run, durable)).AssertError(429, "quota.limit_exceeded");

        Assert.Equal(2, (await SetLimitAsync(app, workspace, "3")).AssertOk().Body!["remaining_reports"]!.GetValue<int>());
        Assert.Equal(1, (await PostAsync(app, run, durable)).Body!["remaining_reports"]!.GetValue<int>());

        var unlimited = (await SetLimitAsync(app, workspace, "null")).AssertOk().Body!;
        Assert.Null(unlimited["report_limit"]);
        Assert.Null(unlimited["remaining_reports"]);
        Assert.Null((await PostAsync(app, run, durable)).Body!["remaining_reports"]);
    }

    [Fact]
    public async Task The_default_limit_setting_applies_to_workspaces_without_their_own()
    {
        var (app, workspace, run) = await NewWorkspaceAsync(s => s with { DefaultReportLimit = 1 });
        using var _ = app;
        var durable = DurableClientMock.Accepting();
        Assert.Equal(1, (await GetQuotaAsync(app, workspace)).Body!["remaining_reports"]!.GetValue<int>());

        Assert.Equal(0, (await PostAsync(app, run, durable)).Body!["remaining_reports"]!.GetValue<int>());
        (await PostAsync(app, run, durable)).AssertError(429, "quota.limit_exceeded");
        await SetLimitAsync(app, workspace, "null");
        Assert.Equal(200, (await PostAsync(app, run, durable)).Status);
    }

    [Theory]
    [InlineData("{}", 422)]
    [InlineData("""{"report_limit": -1}""", 422)]
    [InlineData("""{"report_limit": 1.5}""", 422)]
    [InlineData("""{"report_limit": "5"}""", 422)]
    [InlineData("""{"report_limit": 99999999999}""", 422)]
    [InlineData("""{"report_limit": true}""", 422)]
    [InlineData("five", 400)]
    public async Task Bad_quota_bodies_are_rejected_and_change_nothing(string body, int status)
    {
        using var app = new TestApp(azurite.Settings());
        var before = await azurite.SnapshotAsync();

        var request = HttpCall.Request("PUT", "/v2/admin/workspaces/ws-q/quota", body, apiKey: null);
        var response = HttpCall.Read(request, await app.Quotas.Set(request, "ws-q"));

        response.AssertError(status, status == 400 ? "validation.invalid_format" : "validation.invalid_request");
        Assert.Equal(before, await azurite.SnapshotAsync());
    }

    [Fact]
    public async Task A_bad_workspace_in_the_path_is_404()
    {
        using var app = new TestApp(azurite.Settings());
        (await SetLimitAsync(app, "bad id'", "5")).AssertError(404, "resource.not_found");
    }

    private async Task<(TestApp App, string Workspace, string Run)> NewWorkspaceAsync(Func<EvalReportsSettings, EvalReportsSettings>? change = null)
    {
        var workspace = "ws-quota-" + Guid.NewGuid().ToString("N");
        var app = new TestApp(azurite.Settings(s => (change ?? (x => x))(s with { DevWorkspaceUuid = workspace })));
        var run = "qrun-" + Guid.NewGuid().ToString("N");
        Assert.Equal(201, (await app.ImportAsync(SampleRuns.Safety(run, 2, 1).ToJsonString())).Status);
        return (app, workspace, run);
    }

    private static async Task<Response> PostAsync(TestApp app, string run, Mock<DurableTaskClient> durable, string? query = null)
    {
        var request = HttpCall.Request("POST", "/v2/eval-reports", $$"""{"eval_run_uuids": ["{{run}}"]}""", query: query);
        return HttpCall.Read(request, await app.Reports.Create(request, durable.Object));
    }

    private static async Task<Response> GetAsync(TestApp app, string id)
    {
        var request = HttpCall.Request("GET", $"/v2/eval-reports/{id}");
        return HttpCall.Read(request, await app.Reports.Get(request, id, DurableClientMock.Accepting().Object));
    }

    private static async Task<Response> ListAsync(TestApp app)
    {
        var request = HttpCall.Request("GET", "/v2/eval-reports");
        return HttpCall.Read(request, await app.Reports.List(request, DurableClientMock.Accepting().Object));
    }

    internal static async Task<Response> SetLimitAsync(TestApp app, string workspace, string limit)
    {
        var request = HttpCall.Request("PUT", $"/v2/admin/workspaces/{workspace}/quota", $$"""{"report_limit": {{limit}}}""", apiKey: null);
        return HttpCall.Read(request, await app.Quotas.Set(request, workspace));
    }

    private static async Task<Response> GetQuotaAsync(TestApp app, string workspace)
    {
        var request = HttpCall.Request("GET", $"/v2/admin/workspaces/{workspace}/quota", apiKey: null);
        return HttpCall.Read(request, await app.Quotas.Get(request, workspace));
    }

    private async Task<int> CountReportRowsAsync(string workspace)
    {
        var table = azurite.Service.GetTableClient(azurite.Prefix + "reports");
        var count = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {workspace}"), select: ["RowKey"]))
        {
            count += row.RowKey.StartsWith('~') ? 0 : 1; // report rows only, not their list rows or the workspace's counters
        }

        return count;
    }
}

internal static class ResponseAssertions
{
    public static Response AssertOk(this Response response)
    {
        Assert.True(response.Status == 200, $"expected 200, got {response.Status}: {response.Raw}");
        return response;
    }
}
