using EvalReports.Reports;
using EvalReports.Tests.Support;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Moq;

namespace EvalReports.Tests.Http;

/// <summary>POST /v2/eval-reports: validation and every error code, with a mocked Durable client over real Azurite.</summary>
public sealed class CreateReportTests : IClassFixture<Azurite>, IDisposable
{
    private readonly Azurite azurite;
    private readonly TestApp app;

    public CreateReportTests(Azurite azurite)
    {
        this.azurite = azurite;
        app = new TestApp(azurite.Settings(), limits: TestLimits.Default with { MaxRunsPerReport = 3 });
    }

    public void Dispose() => app.Dispose();

    private async Task<Response> PostAsync(string? body, Mock<DurableTaskClient>? durable = null, string? apiKey = TestKeys.DevKey, string? query = null)
    {
        var request = HttpCall.Request("POST", "/v2/eval-reports", body, apiKey, query);
        return HttpCall.Read(request, await app.Reports.Create(request, (durable ?? DurableClientMock.Accepting()).Object));
    }

    [Fact]
    public async Task Valid_request_returns_a_created_report_and_starts_one_orchestration_named_after_it()
    {
        var run = "run-" + Guid.NewGuid().ToString("N");
        (await app.ImportAsync(SampleRuns.Safety(run, 4, 3).ToJsonString())).Body!["eval_run_uuid"]!.GetValue<string>();
        var durable = DurableClientMock.Accepting();

        var response = await PostAsync($$"""{"eval_run_uuids": ["{{run}}"]}""", durable);

        Assert.Equal(200, response.Status);
        var id = response.Body!["eval_suite_report_uuid"]!.GetValue<string>();
        Assert.Equal("created", response.Body["status"]!.GetValue<string>());
        Assert.Empty(response.Body["eval_run_reports"]!.AsArray());
        Assert.Null(response.Body["overall_passing_responses_summary"]);
        Assert.True(response.Body.AsObject().ContainsKey("overall_improvement_advice"));
        Assert.Null(response.Body["remaining_reports"]);
        Assert.EndsWith("+00:00", response.Body["created_at"]!.GetValue<string>());
        durable.Verify(c => c.ScheduleNewOrchestrationInstanceAsync(
            It.Is<TaskName>(n => n.Name == TaskNames.BuildSuiteReport),
            It.Is<object?>(i => ((SuiteReportInput)i!).EvalRunUuids.SequenceEqual(new[] { run })),
            It.Is<StartOrchestrationOptions?>(o => o!.InstanceId == id),
            It.IsAny<CancellationToken>()), Times.Once);
    }

    [Theory]
    [InlineData("not json", 400, "validation.invalid_format")]
    [InlineData("", 400, "validation.invalid_format")]
    [InlineData("[1,2]", 422, "validation.invalid_request")]
    [InlineData("{}", 422, "validation.invalid_request")]
    [InlineData("""{"eval_run_uuids": null}""", 422, "validation.invalid_request")]
    [InlineData("""{"eval_run_uuids": "abc"}""", 422, "validation.invalid_request")]
    [InlineData("""{"eval_run_uuids": [1, 2]}""", 422, "validation.invalid_request")]
    [InlineData("""{"eval_run_uuids": []}""", 422, "validation.invalid_request")]
    [InlineData("""{"eval_run_uuids": [null]}""", 422, "validation.invalid_request")]
    [InlineData("""{"eval_run_uuids": ["a", "a"]}""", 422, "validation.invalid_request")]
    [InlineData("""{"eval_run_uuids": ["a", "b", "c", "d"]}""", 422, "validation.invalid_request")]
    [InlineData("""{"eval_run_uuids": ["' or PartitionKey ne '"]}""", 422, "validation.invalid_request")]
    [InlineData("""{"eval_run_uuids": ["../../etc"]}""", 422, "validation.invalid_request")]
    public async Task Bad_bodies_get_the_right_error_and_change_nothing(string body, int status, string code)
    {
        var before = await azurite.SnapshotAsync();
        var durable = DurableClientMock.Accepting();

        (await PostAsync(body, durable)).AssertError(status, code);

        durable.VerifyNoStart();
        Assert.Equal(before, await azurite.SnapshotAsync());
    }

    [Fact]
    public async Task Eval_runs_that_do_not_exist_are_listed_in_the_404_details()
    {
        var run = "run-" + Guid.NewGuid().ToString("N");
        await app.ImportAsync(SampleRuns.Safety(run, 2, 1).ToJsonString());
        var before = await azurite.SnapshotAsync();

        var response = (await PostAsync($$"""{"eval_run_uuids": ["{{run}}", "missing-1", "missing-2"]}""")).AssertError(404, "resource.not_found");

        var missing = response.Body!["error"]!["details"]!["missing_eval_run_uuids"]!.AsArray().Select(n => n!.GetValue<string>());
        Assert.Equal(["missing-1", "missing-2"], missing);
        Assert.Equal(before, await azurite.SnapshotAsync());
    }

    [Fact]
    public async Task Another_workspace_in_the_query_is_403()
    {
        (await PostAsync("""{"eval_run_uuids": ["a"]}""", query: "workspace_uuid=someone-else")).AssertError(403, "auth.insufficient_permissions");
    }

    [Fact]
    public async Task Is_sandbox_that_is_not_a_boolean_is_422()
    {
        (await PostAsync("""{"eval_run_uuids": ["a"]}""", query: "is_sandbox=maybe")).AssertError(422, "validation.invalid_request");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("wrong-key")]
    [InlineData("erk_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Missing_or_unknown_keys_are_401(string? key)
    {
        (await PostAsync("""{"eval_run_uuids": ["a"]}""", apiKey: key)).AssertError(401, "auth.invalid_key");
    }

    [Fact]
    public async Task A_failure_to_start_the_orchestration_is_500_without_internals_and_leaves_no_report()
    {
        var run = "run-" + Guid.NewGuid().ToString("N");
        await app.ImportAsync(SampleRuns.Safety(run, 2, 1).ToJsonString());
        var before = await azurite.SnapshotAsync();
        var durable = new Mock<DurableTaskClient>("broken");
        durable.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(
                It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("secret internal detail"));

        var response = (await PostAsync($$"""{"eval_run_uuids": ["{{run}}"]}""", durable)).AssertError(500, "server.internal_error");

        Assert.DoesNotContain("secret internal detail", response.Raw);
        Assert.Equal(before, await azurite.SnapshotAsync());
    }

    [Fact]
    public async Task Unreachable_storage_is_503()
    {
        var unreachable = azurite.Settings(s => s with
        {
            TablesConnectionString = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=AAAA;TableEndpoint=http://127.0.0.1:1/devstoreaccount1;",
        });
        using var broken = new TestApp(unreachable);
        var request = HttpCall.Request("POST", "/v2/eval-reports", """{"eval_run_uuids": ["a"]}""");

        HttpCall.Read(request, await broken.Reports.Create(request, DurableClientMock.Accepting().Object)).AssertError(503, "server.internal_error");
    }
}
