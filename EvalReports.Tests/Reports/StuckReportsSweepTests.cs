using EvalReports.Reports;
using EvalReports.Tests.Support;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Time.Testing;

namespace EvalReports.Tests.Reports;

/// <summary>The maintenance timer: fails stuck reports nobody reads, in every workspace, and drops expired idempotency keys.</summary>
public sealed class StuckReportsSweepTests(Azurite azurite) : IClassFixture<Azurite>
{
    [Fact]
    public async Task The_timer_fails_stuck_reports_of_every_workspace_and_leaves_the_others_alone()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var app = new TestApp(azurite.Settings(), clock: clock);
        await using var durable = await InProcessDurable.StartAsync(app);
        var issue = HttpCall.Request("POST", "/v2/admin/api-keys", """{"workspace_uuid": "ws-sweep-b"}""", apiKey: null);
        var otherKey = HttpCall.Read(issue, await app.Keys.Create(issue)).Body!["api_key"]!.GetValue<string>();

        var stuckA = await StuckReportsTests.CreateWithoutOrchestrationAsync(app, await StuckReportsTests.ImportAsync(app));
        var stuckB = await StuckReportsTests.CreateWithoutOrchestrationAsync(app, await StuckReportsTests.ImportAsync(app, otherKey), otherKey);
        var client = new EndToEnd.ReportClient(app, durable.Client);
        var finished = (await client.CreateAsync(await StuckReportsTests.ImportAsync(app))).Body!["eval_suite_report_uuid"]!.GetValue<string>();
        await client.WaitAsync(finished);
        clock.Advance(TimeSpan.FromMinutes(3));
        var young = await StuckReportsTests.CreateWithoutOrchestrationAsync(app, await StuckReportsTests.ImportAsync(app));

        await app.Get<Functions.StuckReportsAndIdempotencyKeysTimer>().Run(new TimerInfo(), durable.Client, CancellationToken.None);

        // Read back from the store, not through GET (which runs the same check), so only the timer can have changed them.
        var store = app.Get<EvalReports.Storage.ReportStore>();
        var workspace = TestKeys.DevWorkspace;
        Assert.Equal("failed", (await store.GetRecordAsync(workspace, stuckA))!.Status);
        Assert.Equal("failed", (await store.GetRecordAsync("ws-sweep-b", stuckB))!.Status);
        Assert.Equal("finished", (await store.GetRecordAsync(workspace, finished))!.Status);
        Assert.Equal("created", (await store.GetRecordAsync(workspace, young))!.Status);
        Assert.Equal(0, await app.Get<StuckReports>().SweepAsync(durable.Client));
    }

    [Fact]
    public async Task The_timer_deletes_expired_idempotency_keys_only()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var app = new TestApp(azurite.Settings(), clock: clock, limits: TestLimits.Default with { IdempotencyTtl = TimeSpan.FromHours(1) });
        await using var durable = await InProcessDurable.StartAsync(app);
        await ImportWithKeyAsync(app, "old-key");
        clock.Advance(TimeSpan.FromMinutes(61));
        await ImportWithKeyAsync(app, "new-key");

        await app.Get<Functions.StuckReportsAndIdempotencyKeysTimer>().Run(new TimerInfo(), durable.Client, CancellationToken.None);

        var table = azurite.Service.GetTableClient(azurite.Prefix + "idempotency");
        var rows = new List<Azure.Data.Tables.TableEntity>();
        await foreach (var row in table.QueryAsync<Azure.Data.Tables.TableEntity>())
        {
            rows.Add(row);
        }

        var left = Assert.Single(rows);
        Assert.True(left.GetDateTimeOffset("ExpiresAt") > clock.GetUtcNow());
    }

    private static async Task ImportWithKeyAsync(TestApp app, string key)
    {
        var run = SampleRuns.Safety("sweep-" + Guid.NewGuid().ToString("N"), 2, 1).ToJsonString();
        var request = HttpCall.Request("POST", "/v2/eval-runs", run).With("Idempotency-Key", key);
        Assert.Equal(201, HttpCall.Read(request, await app.Runs.Import(request)).Status);
    }
}
