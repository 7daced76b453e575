using EvalReports.Auth;
using EvalReports.Contracts;
using EvalReports.Reports;
using EvalReports.Storage;
using EvalReports.Tests.Http;
using EvalReports.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace EvalReports.Tests.Bounds;

/// <summary>
/// Listing reports reads one page, not the workspace: list rows keyed by inverted creation time (newest first) and a
/// count kept in the same transaction as each create and delete. Entities read are counted on the real
/// TableServiceClient (a pipeline policy) against Azurite.
/// </summary>
public sealed class ReportListingTests(Azurite azurite, ITestOutputHelper output) : IClassFixture<Azurite>
{
    [Fact]
    public async Task A_workspace_of_ten_thousand_reports_lists_a_page_reading_only_that_page()
    {
        const int total = 10_000;
        var workspace = "ws-list-" + Guid.NewGuid().ToString("N")[..8];
        var (service, counter) = EntityCounter.Client(Azurite.ConnectionString);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var provider = Services(service, clock);
        var store = provider.GetRequiredService<ReportStore>();
        // Seeded in batches of the rows CreateAsync writes (creating 10,000 one by one takes minutes on Azurite),
        // then the workspace's counters; the last report goes through CreateAsync itself.
        var created = Enumerable.Range(0, total).Select(i => $"r{i:D5}").ToList();
        var records = created.Select((id, i) => Record(workspace, id, clock.GetUtcNow().AddSeconds(i))).ToList();
        var table = service.GetTableClient(azurite.Prefix + TableStorage.Reports);
        await table.CreateIfNotExistsAsync();
        await TableBatches.SubmitAsync(table, records.SkipLast(1).SelectMany(ReportStore.RowsOf)
            .Select(row => new Azure.Data.Tables.TableTransactionAction(Azure.Data.Tables.TableTransactionActionType.Add, row)), default);
        await table.AddEntityAsync((WorkspaceCounters.None with { Reports = total - 1 }).ToEntity(workspace));
        Assert.Equal(CreateOutcome.Created, (await store.CreateAsync(records[^1], _ => (null, false))).Outcome);

        var reports = provider.GetRequiredService<ReportService>();
        var caller = new Caller(workspace, "test");
        counter.Reset();
        var first = await reports.ListAsync(caller, 100, 0, DurableClientMock.Accepting().Object);
        var firstRead = counter.Entities;
        var firstRequests = counter.Requests;
        counter.Reset();
        var middle = await reports.ListAsync(caller, 100, 5_000, DurableClientMock.Accepting().Object);
        var middleRead = counter.Entities;
        output.WriteLine($"entities read: first page {firstRead} in {firstRequests} requests, page at offset 5,000 {middleRead} (keys skipped + page), of {total * 2 + 1} rows");

        Assert.Equal(total, first.Count);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => created[total - 1 - i]), first.Items.Select(r => r.EvalSuiteReportUuid));
        Assert.Equal(Enumerable.Range(5_000, 100).Select(i => created[total - 1 - i]), middle.Items.Select(r => r.EvalSuiteReportUuid));
        // The page itself, the counters row, and the quota the items show: nothing else.
        Assert.InRange(firstRead, 100, 103);
        Assert.InRange(middleRead, 5_101, 5_104);
        // One query for the page (not one per report and its run reports), the counters row, the quota's row.
        Assert.InRange(firstRequests, 1, 3);
        Assert.All(first.Items, item => Assert.Empty(item.EvalRunReports));
    }

    [Fact]
    public async Task Concurrent_creates_and_deletes_leave_a_list_that_is_exact_newest_first_and_without_duplicates()
    {
        var workspace = "ws-list-" + Guid.NewGuid().ToString("N")[..8];
        var (service, _) = EntityCounter.Client(Azurite.ConnectionString);
        using var provider = Services(service, TimeProvider.System);
        var store = provider.GetRequiredService<ReportStore>();
        var start = DateTimeOffset.UtcNow;
        var existing = Enumerable.Range(0, 40).Select(i => Record(workspace, $"old{i:D2}", start.AddSeconds(i))).ToList();
        foreach (var record in existing)
        {
            await store.CreateAsync(record, _ => (null, false));
        }

        var added = Enumerable.Range(0, 40).Select(i => Record(workspace, $"new{i:D2}", start.AddMinutes(1).AddSeconds(i))).ToList();
        var deleted = existing.Where((_, i) => i % 2 == 0).ToList();
        await Task.WhenAll(
            added.Select(r => (Task)Task.Run(() => store.CreateAsync(r, _ => (null, false))))
                .Concat(deleted.Select(r => (Task)Task.Run(() => store.DeleteAsync(workspace, r.ReportUuid)))));

        var expected = existing.Except(deleted).Concat(added).OrderByDescending(r => r.CreatedAt).Select(r => r.ReportUuid).ToList();
        var listed = new List<string>();
        var reports = provider.GetRequiredService<ReportService>();
        for (var offset = 0; ; offset += 7)
        {
            var page = await reports.ListAsync(new Caller(workspace, "test"), 7, offset, DurableClientMock.Accepting().Object);
            Assert.Equal(expected.Count, page.Count);
            if (page.Items.Count == 0)
            {
                break;
            }

            listed.AddRange(page.Items.Select(i => i.EvalSuiteReportUuid));
        }

        Assert.Equal(expected, listed);
    }

    private ServiceProvider Services(Azure.Data.Tables.TableServiceClient service, TimeProvider clock) =>
        new ServiceCollection()
            .AddEvalReports(azurite.Settings())
            .AddSingleton(new TableStorage(service, azurite.Prefix))
            .AddSingleton(clock)
            .AddLogging()
            .BuildServiceProvider();

    private static ReportRecord Record(string workspace, string id, DateTimeOffset at) => new()
    {
        WorkspaceUuid = workspace,
        ReportUuid = id,
        Status = ReportStatus.Finished,
        CreatedAt = at,
        UpdatedAt = at,
        EvalRunUuids = ["run-1", "run-2"],
    };
}
