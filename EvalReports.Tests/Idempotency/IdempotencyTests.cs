using Azure.Data.Tables;
using EvalReports.Tests.Http;
using EvalReports.Tests.Quotas;
using EvalReports.Tests.Support;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace EvalReports.Tests.Idempotency;

/// <summary>Idempotency-Key on POST /v2/eval-reports and POST /v2/eval-runs.</summary>
public sealed class IdempotencyTests(Azurite azurite) : IClassFixture<Azurite>
{
    private const string KeyHeader = "Idempotency-Key";

    [Fact]
    public async Task The_same_key_and_body_returns_the_first_report_and_starts_nothing_new()
    {
        var (app, workspace, run) = await NewWorkspaceAsync();
        using var _ = app;
        await QuotaTests.SetLimitAsync(app, workspace, "5");
        var durable = DurableClientMock.Accepting();

        var first = await PostReportAsync(app, run, durable, "key-1");
        var again = await PostReportAsync(app, run, durable, "key-1");

        Assert.Equal(200, first.Status);
        Assert.Equal(first.Status, again.Status);
        Assert.Equal(first.Body!["eval_suite_report_uuid"]!.GetValue<string>(), again.Body!["eval_suite_report_uuid"]!.GetValue<string>());
        Assert.Equal(4, again.Body["remaining_reports"]!.GetValue<int>());
        VerifyStarts(durable, 1);
        Assert.Equal(1, await CountRowsAsync("reports", workspace));

        var other = await PostReportAsync(app, run, durable, "key-2");
        Assert.NotEqual(first.Body["eval_suite_report_uuid"]!.GetValue<string>(), other.Body!["eval_suite_report_uuid"]!.GetValue<string>());
        VerifyStarts(durable, 2);
    }

    [Fact]
    public async Task The_same_key_with_another_body_or_other_query_parameters_is_409_and_changes_nothing()
    {
        var (app, _, run) = await NewWorkspaceAsync();
        using var _ = app;
        var otherRun = "irun-" + Guid.NewGuid().ToString("N");
        await app.ImportAsync(SampleRuns.Safety(otherRun, 2, 1).ToJsonString());
        var durable = DurableClientMock.Accepting();
        Assert.Equal(200, (await PostReportAsync(app, run, durable, "key-x")).Status);
        var before = await azurite.SnapshotAsync();

        var otherBody = (await PostReportAsync(app, otherRun, durable, "key-x")).AssertError(409, "resource.conflict");
        (await PostReportAsync(app, run, durable, "key-x", "is_sandbox=true")).AssertError(409, "resource.conflict");

        Assert.Equal("idempotency_key_reused", otherBody.Body!["error"]!["details"]!["reason"]!.GetValue<string>());
        Assert.Equal(before, await azurite.SnapshotAsync());
        VerifyStarts(durable, 1);
    }

    [Fact]
    public async Task Keys_belong_to_their_workspace()
    {
        var (app, _, run) = await NewWorkspaceAsync();
        using var _ = app;
        var issued = HttpCall.Request("POST", "/v2/admin/api-keys", """{"workspace_uuid": "ws-idem-other"}""", apiKey: null);
        var otherKey = HttpCall.Read(issued, await app.Keys.Create(issued)).Body!["api_key"]!.GetValue<string>();
        var otherRun = "orun-" + Guid.NewGuid().ToString("N");
        await app.ImportAsync(SampleRuns.Safety(otherRun, 2, 1).ToJsonString(), otherKey);
        var durable = DurableClientMock.Accepting();

        var mine = await PostReportAsync(app, run, durable, "shared-key");
        var theirs = await PostReportAsync(app, otherRun, durable, "shared-key", apiKey: otherKey);

        Assert.Equal(200, theirs.Status);
        Assert.NotEqual(mine.Body!["eval_suite_report_uuid"]!.GetValue<string>(), theirs.Body!["eval_suite_report_uuid"]!.GetValue<string>());
        VerifyStarts(durable, 2);
    }

    [Fact]
    public async Task A_repeat_while_the_first_is_still_running_is_409_in_progress_then_replays_once_it_is_done()
    {
        var (app, _, run) = await NewWorkspaceAsync();
        using var _ = app;
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

        var first = PostReportAsync(app, run, durable, "slow-key");
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var during = (await PostReportAsync(app, run, durable, "slow-key")).AssertError(409, "resource.conflict");
        release.SetResult();
        var firstResponse = await first;
        var after = await PostReportAsync(app, run, durable, "slow-key");

        Assert.Equal("idempotency_key_in_progress", during.Body!["error"]!["details"]!["reason"]!.GetValue<string>());
        Assert.Equal(200, firstResponse.Status);
        Assert.Equal(200, after.Status);
        Assert.Equal(firstResponse.Body!["eval_suite_report_uuid"]!.GetValue<string>(), after.Body!["eval_suite_report_uuid"]!.GetValue<string>());
        VerifyStarts(durable, 1);
    }

    [Fact]
    public async Task Twenty_concurrent_requests_with_one_key_create_one_report()
    {
        var (app, workspace, run) = await NewWorkspaceAsync();
        using var _ = app;
        var durable = DurableClientMock.Accepting();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => PostReportAsync(app, run, durable, "burst-key"))));

        VerifyStarts(durable, 1);
        Assert.Equal(1, await CountRowsAsync("reports", workspace));
        var ok = responses.Where(r => r.Status == 200).ToList();
        Assert.NotEmpty(ok);
        Assert.Single(ok.Select(r => r.Body!["eval_suite_report_uuid"]!.GetValue<string>()).Distinct());
        Assert.All(responses.Where(r => r.Status != 200), r =>
            Assert.Equal("idempotency_key_in_progress", r.AssertError(409, "resource.conflict").Body!["error"]!["details"]!["reason"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_key_expires_after_the_configured_time()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (app, _, run) = await NewWorkspaceAsync(clock, TestLimits.Default with { IdempotencyTtl = TimeSpan.FromHours(2) });
        using var _ = app;
        var durable = DurableClientMock.Accepting();
        var first = (await PostReportAsync(app, run, durable, "ttl-key")).Body!["eval_suite_report_uuid"]!.GetValue<string>();

        clock.Advance(TimeSpan.FromMinutes(119));
        Assert.Equal(first, (await PostReportAsync(app, run, durable, "ttl-key")).Body!["eval_suite_report_uuid"]!.GetValue<string>());
        clock.Advance(TimeSpan.FromMinutes(2));
        var later = await PostReportAsync(app, run, durable, "ttl-key");

        Assert.Equal(200, later.Status);
        Assert.NotEqual(first, later.Body!["eval_suite_report_uuid"]!.GetValue<string>());
        VerifyStarts(durable, 2);
    }

    [Fact]
    public async Task A_request_that_failed_does_not_hold_its_key()
    {
        var (app, _, run) = await NewWorkspaceAsync();
        using var _ = app;
        var missing = "late-" + Guid.NewGuid().ToString("N");
        var durable = DurableClientMock.Accepting();

        (await PostReportAsync(app, missing, durable, "retry-key")).AssertError(404, "resource.not_found");
        await app.ImportAsync(SampleRuns.Safety(missing, 2, 1).ToJsonString());

        Assert.Equal(200, (await PostReportAsync(app, missing, durable, "retry-key")).Status);
        VerifyStarts(durable, 1);
    }

    [Fact]
    public async Task A_request_refused_for_quota_can_be_retried_with_its_key_once_the_quota_is_raised()
    {
        var (app, workspace, run) = await NewWorkspaceAsync();
        using var _ = app;
        await QuotaTests.SetLimitAsync(app, workspace, "0");
        var durable = DurableClientMock.Accepting();

        (await PostReportAsync(app, run, durable, "quota-key")).AssertError(429, "quota.limit_exceeded");
        await QuotaTests.SetLimitAsync(app, workspace, "1");
        var created = await PostReportAsync(app, run, durable, "quota-key");
        var replayed = await PostReportAsync(app, run, durable, "quota-key");

        Assert.Equal(200, created.Status);
        Assert.Equal(created.Body!["eval_suite_report_uuid"]!.GetValue<string>(), replayed.Body!["eval_suite_report_uuid"]!.GetValue<string>());
        Assert.Equal(0, replayed.Body["remaining_reports"]!.GetValue<int>());
        VerifyStarts(durable, 1);
    }

    [Theory]
    [InlineData("")]
    [InlineData("é-accent")]
    [InlineData("tab\there")]
    [InlineData("del\u007f")]
    [InlineData(null, 256)]
    public async Task Invalid_keys_are_422_and_change_nothing(string? key, int length = 0)
    {
        var (app, _, run) = await NewWorkspaceAsync();
        using var _ = app;
        var durable = DurableClientMock.Accepting();
        var before = await azurite.SnapshotAsync();

        var response = (await PostReportAsync(app, run, durable, key ?? new string('k', length))).AssertError(422, "validation.invalid_request");

        Assert.Equal(KeyHeader, response.Body!["error"]!["details"]!["field"]!.GetValue<string>());
        durable.VerifyNoStart();
        Assert.Equal(before, await azurite.SnapshotAsync());
    }

    [Fact]
    public async Task A_key_of_255_printable_characters_is_accepted()
    {
        var (app, _, run) = await NewWorkspaceAsync();
        using var _ = app;
        var key = string.Concat(Enumerable.Range(0, 255).Select(i => (char)(' ' + i % 95)));

        Assert.Equal(200, (await PostReportAsync(app, run, DurableClientMock.Accepting(), key)).Status);
    }

    [Fact]
    public async Task Importing_a_run_twice_with_one_key_imports_it_once_and_stores_no_content_or_key()
    {
        var (app, workspace, _) = await NewWorkspaceAsync();
        using var _ = app;
        var run = SampleRuns.Safety("ignored", 3, 2);
        run.Remove("eval_run_uuid");
        run["responses"]![0]!["content"] = "IDEMPOTENCY-MARKER response text";
        var body = run.ToJsonString();
        var key = "import-key-" + Guid.NewGuid().ToString("N");
        var runsBefore = await CountRowsAsync("evalruns", workspace);

        var first = await ImportAsync(app, body, key);
        var again = await ImportAsync(app, body, key);

        Assert.Equal(201, first.Status);
        Assert.Equal(201, again.Status);
        Assert.Equal(first.Raw, again.Raw);
        Assert.Equal(runsBefore + 1, await CountRowsAsync("evalruns", workspace));
        run["name"] = "a different name";
        (await ImportAsync(app, run.ToJsonString(), key)).AssertError(409, "resource.conflict");

        await foreach (var row in azurite.Service.GetTableClient(azurite.Prefix + "idempotency").QueryAsync<TableEntity>())
        {
            foreach (var value in row.Select(kv => kv.Value).OfType<string>())
            {
                Assert.DoesNotContain(key, value);
                Assert.DoesNotContain("IDEMPOTENCY-MARKER", value);
            }

            Assert.DoesNotContain(key, row.RowKey);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_retry_after_a_takeover_returns_the_report_the_first_attempt_made_and_takes_no_second_unit(bool firstAttemptCreatedIt)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (app, workspace, run) = await NewWorkspaceAsync(clock: clock);
        using var _ = app;
        await app.Get<EvalReports.Quotas.ReportQuota>().SetLimitAsync(workspace, 5);
        var durable = DurableClientMock.Accepting();
        var key = "takeover-" + Guid.NewGuid().ToString("N");
        var body = $$"""{"eval_run_uuids": ["{{run}}"]}""";

        // The first attempt claimed the key with its report's uuid, (maybe) created the report, then died before
        // marking the key complete.
        var request = HttpCall.Request("POST", "/v2/eval-reports", body).With(KeyHeader, key);
        var fingerprint = EvalReports.Idempotency.IdempotentRequest.Create("create-eval-report", key, [], body);
        var reportUuid = Guid.NewGuid().ToString();
        var now = clock.GetUtcNow();
        await app.Get<EvalReports.Storage.IdempotencyStore>().TryClaimAsync(workspace, fingerprint.RowKey,
            new EvalReports.Storage.IdempotencyRecord(fingerprint.Fingerprint, false, 0, reportUuid, now, now.AddHours(24)), null, default);
        if (firstAttemptCreatedIt)
        {
            await app.Get<EvalReports.Reports.ReportService>().CreateAsync(
                new EvalReports.Auth.Caller(workspace, "dev"), new EvalReports.Contracts.CreateReportRequest { EvalRunUuids = [run] }, false, durable.Object, reportUuid);
        }

        (await PostReportAsync(app, run, durable, key)).AssertError(409, "resource.conflict"); // still within the claim timeout
        clock.Advance(EvalReports.Idempotency.IdempotentRequests.ClaimTimeout + TimeSpan.FromSeconds(1));
        var retried = await PostReportAsync(app, run, durable, key);
        var again = await PostReportAsync(app, run, durable, key);

        Assert.Equal(200, retried.Status);
        Assert.Equal(reportUuid, retried.Body!["eval_suite_report_uuid"]!.GetValue<string>());
        Assert.Equal(reportUuid, again.Body!["eval_suite_report_uuid"]!.GetValue<string>());
        Assert.Equal(1, await CountRowsAsync("reports", workspace));
        Assert.Equal(1, (await app.Get<EvalReports.Quotas.ReportQuota>().GetAsync(workspace)).ReportsUsed);
        VerifyStarts(durable, 1);
    }

    private async Task<(TestApp App, string Workspace, string Run)> NewWorkspaceAsync(
        TimeProvider? clock = null, EvalReportsLimits? limits = null)
    {
        var workspace = "ws-idem-" + Guid.NewGuid().ToString("N");
        var app = new TestApp(azurite.Settings(s => s with { DevWorkspaceUuid = workspace }), clock: clock, limits: limits);
        var run = "irun-" + Guid.NewGuid().ToString("N");
        Assert.Equal(201, (await app.ImportAsync(SampleRuns.Safety(run, 2, 1).ToJsonString())).Status);
        return (app, workspace, run);
    }

    private static async Task<Response> PostReportAsync(
        TestApp app, string run, Mock<DurableTaskClient> durable, string key, string? query = null, string apiKey = TestKeys.DevKey)
    {
        var request = HttpCall.Request("POST", "/v2/eval-reports", $$"""{"eval_run_uuids": ["{{run}}"]}""", apiKey, query).With(KeyHeader, key);
        return HttpCall.Read(request, await app.Reports.Create(request, durable.Object));
    }

    private static async Task<Response> ImportAsync(TestApp app, string body, string key)
    {
        var request = HttpCall.Request("POST", "/v2/eval-runs", body).With(KeyHeader, key);
        return HttpCall.Read(request, await app.Runs.Import(request));
    }

    private static void VerifyStarts(Mock<DurableTaskClient> durable, int times) =>
        durable.Verify(c => c.ScheduleNewOrchestrationInstanceAsync(
            It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()), Times.Exactly(times));

    private async Task<int> CountRowsAsync(string table, string workspace)
    {
        var count = 0;
        var client = azurite.Service.GetTableClient(azurite.Prefix + table);
        await foreach (var row in client.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {workspace}"), select: ["RowKey"]))
        {
            count += row.RowKey.StartsWith('~') ? 0 : 1; // the records themselves, not their list rows and counts
        }

        return count;
    }
}
