using Azure.Data.Tables;
using EvalReports.Tests.Http;
using EvalReports.Tests.Quotas;
using EvalReports.Tests.Support;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Moq;

namespace EvalReports.Tests.Sdk;

/// <summary>
/// The official SDKs retry 408, 409, 429 and 5xx twice unless told <c>x-should-retry: false</c>, and wait what
/// Retry-After says. Every error a retry cannot fix says false; storage down and a key still in progress say when
/// to come back; and a POST that has created its report answers with it even if bookkeeping after that fails.
/// </summary>
public sealed class RetryHeadersTests(Azurite azurite) : IClassFixture<Azurite>
{
    [Fact]
    public async Task Every_error_a_retry_cannot_fix_says_x_should_retry_false()
    {
        var workspace = "ws-retry-" + Guid.NewGuid().ToString("N")[..8];
        using var app = new TestApp(azurite.Settings(s => s with { DevWorkspaceUuid = workspace }), limits: TestLimits.Default with { MaxRequestBodyBytes = 4096 });
        var run = "rrun-" + Guid.NewGuid().ToString("N");
        var import = SampleRuns.Safety(run, 2, 1).ToJsonString();
        Assert.Equal(201, (await app.ImportAsync(import)).Status);
        (await Quotas.QuotaTests.SetLimitAsync(app, workspace, "0")).AssertOk();

        var errors = new List<(Response Response, int Status, string Code)>
        {
            (await ImportAsync(app, "{not json"), 400, "validation.invalid_format"),
            (await ImportAsync(app, "{}"), 422, "validation.invalid_request"),
            (await ImportAsync(app, import, apiKey: "erk_0123456789abcdef_nope"), 401, "auth.invalid_key"),
            (await ImportAsync(app, import), 409, "resource.conflict"),
            (await ImportAsync(app, new string(' ', 5000)), 413, "validation.invalid_request"),
            (await ReportAsync(app, run, "workspace_uuid=someone-else"), 403, "auth.insufficient_permissions"),
            (await ReportAsync(app, "no-such-run"), 404, "resource.not_found"),
            (await ReportAsync(app, run), 429, "quota.limit_exceeded"),
        };

        Assert.All(errors, e =>
        {
            e.Response.AssertError(e.Status, e.Code);
            Assert.Equal("false", e.Response.Headers["x-should-retry"].ToString());
            Assert.False(e.Response.Headers.ContainsKey("Retry-After"), $"{e.Status} carries Retry-After");
        });
    }

    [Fact]
    public async Task A_key_still_in_progress_is_409_that_may_be_retried_after_a_stated_wait()
    {
        var workspace = "ws-retry-" + Guid.NewGuid().ToString("N")[..8];
        using var app = new TestApp(azurite.Settings(s => s with { DevWorkspaceUuid = workspace }));
        var run = "rrun-" + Guid.NewGuid().ToString("N");
        Assert.Equal(201, (await app.ImportAsync(SampleRuns.Safety(run, 2, 1).ToJsonString())).Status);
        var started = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var durable = new Mock<DurableTaskClient>("gated");
        durable.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(
                It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .Returns(async (TaskName _, object? _, StartOrchestrationOptions? options, CancellationToken _) =>
            {
                started.TrySetResult();
                await release.Task;
                return options!.InstanceId!;
            });

        var first = ReportAsync(app, run, durable: durable, key: "slow");
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var during = (await ReportAsync(app, run, durable: durable, key: "slow")).AssertError(409, "resource.conflict");
        release.SetResult();
        Assert.Equal(200, (await first).Status);

        Assert.Equal("idempotency_key_in_progress", during.Body!["error"]!["details"]!["reason"]!.GetValue<string>());
        Assert.Equal("true", during.Headers["x-should-retry"].ToString());
        Assert.InRange(int.Parse(during.Headers["Retry-After"].ToString(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
    }

    [Fact]
    public async Task Storage_unreachable_is_503_with_retry_after()
    {
        // Nothing listens on port 9 of loopback: every storage call fails to connect.
        var settings = azurite.Settings(s => s with
        {
            TablesConnectionString = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;",
        });
        using var app = new TestApp(settings);

        var response = (await ReportAsync(app, "any-run")).AssertError(503, "server.internal_error");

        Assert.InRange(int.Parse(response.Headers["Retry-After"].ToString(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.NotEqual("false", response.Headers["x-should-retry"].ToString());
    }

    [Fact]
    public async Task A_report_that_was_created_is_answered_even_when_recording_its_idempotency_key_then_fails()
    {
        var workspace = "ws-retry-" + Guid.NewGuid().ToString("N")[..8];
        using var app = new TestApp(azurite.Settings(s => s with { DevWorkspaceUuid = workspace }));
        var run = "rrun-" + Guid.NewGuid().ToString("N");
        Assert.Equal(201, (await app.ImportAsync(SampleRuns.Safety(run, 2, 1).ToJsonString())).Status);
        var keys = azurite.Service.GetTableClient(azurite.Prefix + "idempotency");
        var durable = new Mock<DurableTaskClient>("claim-lost");
        durable.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(
                It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .Returns(async (TaskName _, object? _, StartOrchestrationOptions? options, CancellationToken _) =>
            {
                // The report is stored and its orchestration scheduled; now the claim row changes under the request,
                // so marking the key complete (an ETag-guarded update) fails.
                await foreach (var row in keys.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {workspace}")))
                {
                    row["Touched"] = true;
                    await keys.UpdateEntityAsync(row, Azure.ETag.All, TableUpdateMode.Merge);
                }

                return options!.InstanceId!;
            });

        var response = await ReportAsync(app, run, durable: durable, key: "lost-claim");

        Assert.Equal(200, response.Status);
        var id = response.Body!["eval_suite_report_uuid"]!.GetValue<string>();
        var stored = await azurite.Service.GetTableClient(azurite.Prefix + "reports").GetEntityIfExistsAsync<TableEntity>(workspace, id);
        Assert.True(stored.HasValue, "the report the client was given must exist");
        var retry = (await ReportAsync(app, run, durable: DurableClientMock.Accepting(), key: "lost-claim")).AssertError(409, "resource.conflict");
        Assert.Equal("idempotency_key_in_progress", retry.Body!["error"]!["details"]!["reason"]!.GetValue<string>());
    }

    private static async Task<Response> ImportAsync(TestApp app, string body, string apiKey = TestKeys.DevKey)
    {
        var request = HttpCall.Request("POST", "/v2/eval-runs", body, apiKey);
        return HttpCall.Read(request, await app.Runs.Import(request));
    }

    private static async Task<Response> ReportAsync(
        TestApp app, string run, string? query = null, Mock<DurableTaskClient>? durable = null, string? key = null)
    {
        var request = HttpCall.Request("POST", "/v2/eval-reports", $$"""{"eval_run_uuids": ["{{run}}"]}""", query: query).With("Idempotency-Key", key);
        return HttpCall.Read(request, await app.Reports.Create(request, (durable ?? DurableClientMock.Accepting()).Object));
    }
}
