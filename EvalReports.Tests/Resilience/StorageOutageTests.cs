using System.Diagnostics;
using Azure.Data.Tables;
using EvalReports.Reports;
using EvalReports.Tests.Support;
using Xunit.Abstractions;

namespace EvalReports.Tests.Resilience;

/// <summary>
/// Table Storage goes away in the middle of a report and comes back: a private Azurite (never the shared one) is
/// stopped while run reports are being built and restarted on the same port with the same data.
/// </summary>
public sealed class StorageOutageTests(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task A_report_whose_storage_goes_down_mid_build_and_comes_back_finishes_whole()
    {
        Skip.IfNot(File.Exists(PrivateAzurite.Executable), "Azurite is not installed (npm ci).");
        await using var azurite = new PrivateAzurite();
        await azurite.StartAsync();
        var workspace = "ws-outage";
        var prefix = "o" + Guid.NewGuid().ToString("N")[..10];
        var settings = new EvalReportsSettings
        {
            TablesConnectionString = azurite.ConnectionString, TablePrefix = prefix, DevApiKey = TestKeys.DevKey, DevWorkspaceUuid = workspace,
        };
        var summarizer = new GatedSummarizer();
        var builds = new ActivityGate(TaskNames.BuildRunReport, hold: false);
        await using var service = await LiveService.StartAsync(settings, summarizer, builds, new TestOutputLogs(output));
        var runs = new[]
        {
            await service.ImportRunAsync(SampleRuns.Safety("outage-a", 6, 4)),
            await service.ImportRunAsync(SampleRuns.Safety("outage-b", 6, 2)),
        };
        var report = await service.CreateReportAsync(runs);
        await summarizer.Entered.WaitAsync(TimeSpan.FromSeconds(60));

        await azurite.StopAsync();
        var watch = Stopwatch.StartNew();
        summarizer.Open(); // the run reports are now written into a dead storage account
        var duringOutage = await service.SendAsync("GET", $"/v2/eval-reports/{report}");
        Assert.Equal(503, duringOutage.Status);
        Assert.Equal("server.internal_error", duringOutage.Json!["error"]!["code"]!.GetValue<string>());
        await builds.FailedAsync(runs.Length); // every run report's write has failed against the dead storage: Durable retries them
        await azurite.StartAsync();
        output.WriteLine($"storage was down for {watch.Elapsed.TotalSeconds:0.0} s");

        var finished = await service.WaitForReportAsync(report, TimeSpan.FromSeconds(120));
        output.WriteLine($"report {finished["status"]} {watch.Elapsed.TotalSeconds:0.0} s after the outage began; error: {finished["error"]}");

        Assert.Equal("finished", finished["status"]!.GetValue<string>());
        Assert.Equal(runs, finished["eval_run_reports"]!.AsArray().Select(r => r!["eval_run_uuid"]!.GetValue<string>()));
        Assert.Equal(2, finished["progress"]!["runs_done"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(finished["overall_improvement_advice"]?.GetValue<string>()));
        var service2 = new TableServiceClient(azurite.ConnectionString);
        var runReportRows = 0;
        await foreach (var row in service2.GetTableClient(prefix + "runreports").QueryAsync<TableEntity>(select: ["PartitionKey"]))
        {
            Assert.Equal($"{workspace}|{report}", row.PartitionKey);
            runReportRows++;
        }

        Assert.Equal(2, runReportRows);
    }
}
