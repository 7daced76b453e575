using EvalReports.Reports;
using EvalReports.Storage;
using EvalReports.Tests.EndToEnd;
using EvalReports.Tests.Support;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace EvalReports.Tests.Bounds;

/// <summary>
/// Maintenance stays cheap as the tables grow: the stuck-report sweep reads the active-report index, not every
/// report; ended orchestrations are purged after a week through the Durable client's purge API (real in-process
/// Durable backend).
/// </summary>
public sealed class MaintenanceTests(Azurite azurite, ITestOutputHelper output) : IClassFixture<Azurite>
{
    [Fact]
    public async Task The_sweep_reads_only_active_reports_however_many_finished_ones_there_are()
    {
        var workspace = "ws-sweep-" + Guid.NewGuid().ToString("N")[..8];
        var (service, counter) = EntityCounter.Client(Azurite.ConnectionString);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var provider = new ServiceCollection().AddEvalReports(azurite.Settings())
            .AddSingleton(new TableStorage(service, azurite.Prefix)).AddSingleton<TimeProvider>(clock).AddLogging().BuildServiceProvider();
        var store = provider.GetRequiredService<ReportStore>();
        var index = provider.GetRequiredService<ActiveReportIndex>();
        for (var i = 0; i < 300; i++)
        {
            var finished = Record(workspace, $"done{i:D3}", clock.GetUtcNow(), Contracts.ReportStatus.Finished);
            await store.CreateAsync(finished, _ => (null, false));
        }

        var stuck = Record(workspace, "stuck", clock.GetUtcNow(), Contracts.ReportStatus.Created);
        await index.AddAsync(workspace, stuck.ReportUuid, stuck.CreatedAt, default);
        await store.CreateAsync(stuck, _ => (null, false));
        clock.Advance(StuckReports.QueueDeadline);
        counter.Reset();

        var failed = await provider.GetRequiredService<StuckReports>().SweepAsync(new Moq.Mock<DurableTaskClient>("none").Object);
        output.WriteLine($"sweep over 301 reports (1 active): {counter.Entities} entities read");

        Assert.Equal(1, failed);
        Assert.Equal("failed", (await store.GetRecordAsync(workspace, "stuck"))!.Status);
        Assert.InRange(counter.Entities, 1, 10); // the index row, the report, its counters — never the 300 finished ones
        await foreach (var row in index.ListAsync())
        {
            Assert.NotEqual("stuck", row.ReportUuid); // an ended report leaves the index
        }
    }

    [Fact]
    public async Task Ended_orchestrations_older_than_a_week_are_purged_and_newer_ones_kept()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var app = new TestApp(azurite.Settings(s => s with { DevWorkspaceUuid = "ws-purge-" + Guid.NewGuid().ToString("N") }), clock: clock);
        await using var durable = await InProcessDurable.StartAsync(app);
        var run = "purge-" + Guid.NewGuid().ToString("N");
        Assert.Equal(201, (await app.ImportAsync(SampleRuns.Safety(run, 3, 2).ToJsonString())).Status);
        var client = new ReportClient(app, durable.Client);
        var id = (await client.CreateAsync(run)).Body!["eval_suite_report_uuid"]!.GetValue<string>();
        await durable.Client.WaitForInstanceCompletionAsync(id, new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);
        var purge = app.Get<HistoryPurge>();

        Assert.Equal(0, await purge.PurgeAsync(durable.Client)); // a minute old: kept
        Assert.NotNull(await durable.Client.GetInstanceAsync(id));
        clock.Advance(HistoryPurge.Retention + TimeSpan.FromMinutes(1));
        var purged = await purge.PurgeAsync(durable.Client);

        Assert.True(purged >= 1, $"purged {purged}");
        Assert.Null(await durable.Client.GetInstanceAsync(id));
        Assert.Equal("finished", (await client.GetAsync(id)).Body!["status"]!.GetValue<string>()); // the report itself stays
    }

    private static ReportRecord Record(string workspace, string id, DateTimeOffset at, string status) => new()
    {
        WorkspaceUuid = workspace,
        ReportUuid = id,
        Status = status,
        CreatedAt = at,
        UpdatedAt = at,
        EvalRunUuids = ["run-1"],
    };
}
