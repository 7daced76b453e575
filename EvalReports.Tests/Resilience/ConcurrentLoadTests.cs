using System.Diagnostics;
using Azure.Data.Tables;
using EvalReports.Tests.Support;
using Microsoft.DurableTask.Client;
using Xunit.Abstractions;

namespace EvalReports.Tests.Resilience;

/// <summary>Many users at once: concurrent report requests over real HTTP, real orchestration, real Table Storage.</summary>
public sealed class ConcurrentLoadTests(Azurite azurite, ITestOutputHelper output) : IClassFixture<Azurite>
{
    private const int ReportCount = 200;
    private const int RunsPerReport = 2;

    [Fact]
    public async Task Two_hundred_concurrent_report_requests_make_two_hundred_finished_reports_without_duplicate_rows()
    {
        var workspace = "ws-load-" + Guid.NewGuid().ToString("N")[..8];
        var timings = new ActivityTimings();
        await using var service = await LiveService.StartAsync(
            azurite.Settings(s => s with { DevWorkspaceUuid = workspace }), activities: timings, logs: new TestOutputLogs(output));
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
            $"{timings.TimeIn(EvalReports.Reports.TaskNames.BuildRunReport).TotalSeconds:0.0} s, FinishReport {timings.TimeIn(EvalReports.Reports.TaskNames.FinishReport).TotalSeconds:0.0} s)");

        Assert.Equal(ReportCount, ids.Distinct().Count());
        var statuses = await Task.WhenAll(ids.Select(async id =>
        {
            var report = await service.SendAsync("GET", $"/v2/eval-reports/{id}");
            return (Status: report.Json!["status"]!.GetValue<string>(), Runs: report.Json["eval_run_reports"]!.AsArray().Count);
        }));
        Assert.All(statuses, s => Assert.Equal(("finished", RunsPerReport), s));

        var list = await service.SendAsync("GET", "/v2/eval-reports?limit=1");
        Assert.Equal(ReportCount, list.Json!["count"]!.GetValue<int>());
        Assert.Equal(ReportCount, await CountRowsAsync("reports", p => p == workspace));
        Assert.Equal(ReportCount * RunsPerReport, await CountRowsAsync("runreports", p => p.StartsWith(workspace + "|", StringComparison.Ordinal)));
    }

    private async Task<int> CountRowsAsync(string table, Func<string, bool> partition)
    {
        var client = azurite.Service.GetTableClient(azurite.Prefix + table);
        var count = 0;
        await foreach (var row in client.QueryAsync<TableEntity>(select: ["PartitionKey"]))
        {
            count += partition(row.PartitionKey) ? 1 : 0;
        }

        return count;
    }
}
