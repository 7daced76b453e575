using System.Diagnostics;
using Azure.Data.Tables;
using EvalReports.Tests.Support;
using Microsoft.DurableTask.Client;
using Xunit.Abstractions;

namespace EvalReports.Tests.Resilience;

/// <summary>
/// Many users at once: concurrent report requests over real HTTP, real orchestration, real Table Storage. The tables
/// are on an Azurite of the test's own, so neither the other tests' traffic nor a restart of the shared emulator
/// (which loses its in-memory data) can interfere with a test that runs for a while.
/// </summary>
public sealed class ConcurrentLoadTests(ITestOutputHelper output)
{
    private const int ReportCount = 200;
    private const int RunsPerReport = 2;
    private const int ReportLimit = 250;

    [SkippableFact]
    public async Task Two_hundred_concurrent_report_requests_make_two_hundred_finished_reports_count_the_quota_exactly_and_duplicate_no_row()
    {
        Skip.IfNot(File.Exists(PrivateAzurite.Executable), "Azurite is not installed (npm ci).");
        await using var azurite = new PrivateAzurite();
        await azurite.StartAsync();
        var workspace = "ws-load-" + Guid.NewGuid().ToString("N")[..8];
        var settings = new EvalReportsSettings
        {
            TablesConnectionString = azurite.ConnectionString, TablePrefix = "load", DevApiKey = TestKeys.DevKey, DevWorkspaceUuid = workspace,
            DefaultReportLimit = ReportLimit,
        };
        var timings = new ActivityTimings();
        await using var service = await LiveService.StartAsync(
            settings, activities: timings, logs: new TestOutputLogs(output), limits: TestLimits.Default with { MaxActiveReports = ReportCount });
        var runs = new List<string>();
        for (var i = 0; i < RunsPerReport; i++)
        {
            runs.Add(await service.ImportRunAsync(SampleRuns.Safety($"load-{i}-{Guid.NewGuid():N}", 8, 5 + i)));
        }

        var watch = Stopwatch.StartNew();
        using var overall = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        var ids = await Task.WhenAll(Enumerable.Range(0, ReportCount).Select(_ => service.CreateReportAsync(runs)));
        var accepted = watch.Elapsed;
        await Task.WhenAll(ids.Select(id => service.Durable.Client.WaitForInstanceCompletionAsync(id, overall.Token)));
        var finished = watch.Elapsed;
        output.WriteLine($"{ReportCount} concurrent POSTs of {RunsPerReport}-run reports: all accepted after {accepted.TotalSeconds:0.0} s, " +
            $"all orchestrations complete after {finished.TotalSeconds:0.0} s (wall time); {timings.Executions} activity executions, " +
            $"{timings.TotalTime.TotalSeconds:0.0} s inside them, at most {timings.MaxConcurrent} at once (BuildRunReport " +
            $"{timings.TimeIn(EvalReports.Reports.TaskNames.BuildRunReport).TotalSeconds:0.0} s, FinishReport {timings.TimeIn(EvalReports.Reports.TaskNames.FinishReport).TotalSeconds:0.0} s); " +
            $"failed executions (retried): {timings.Failures}");

        Assert.Equal(ReportCount, ids.Distinct().Count());
        foreach (var id in ids)
        {
            var report = await service.SendAsync("GET", $"/v2/eval-reports/{id}");
            Assert.True(report.Status == 200, $"GET {id}: {report.Status} {report.Body}");
            Assert.Equal("finished", report.Json!["status"]!.GetValue<string>());
            Assert.Equal(RunsPerReport, report.Json["eval_run_reports"]!.AsArray().Count);
        }

        var list = await service.SendAsync("GET", "/v2/eval-reports?limit=1");
        Assert.Equal(ReportCount, list.Json!["count"]!.GetValue<int>());
        Assert.Equal(ReportLimit - ReportCount, list.Json["items"]![0]!["remaining_reports"]!.GetValue<int>());
        var tables = new TableServiceClient(azurite.ConnectionString);
        Assert.Equal(ReportCount, await CountRowsAsync(tables, "loadreports", p => p == workspace, reportRowsOnly: true));
        Assert.Equal(ReportCount * RunsPerReport, await CountRowsAsync(tables, "loadrunreports", p => p.StartsWith(workspace + "|", StringComparison.Ordinal)));
    }

    private static async Task<int> CountRowsAsync(TableServiceClient tables, string table, Func<string, bool> partition, bool reportRowsOnly = false)
    {
        var client = tables.GetTableClient(table);
        var count = 0;
        await foreach (var row in client.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
        {
            // A report's list row and the workspace's counters ('~' keys) sit beside its report rows.
            count += partition(row.PartitionKey) && !(reportRowsOnly && row.RowKey.StartsWith('~')) ? 1 : 0;
        }

        return count;
    }
}
