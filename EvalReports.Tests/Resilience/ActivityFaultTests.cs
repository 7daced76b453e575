using Azure.Data.Tables;
using EvalReports.Reports;
using EvalReports.Storage;
using EvalReports.Tests.Support;
using Microsoft.DurableTask.Client;
using Xunit.Abstractions;

namespace EvalReports.Tests.Resilience;

/// <summary>
/// 30% of all activity executions throw (seeded, so the same executions fail on every run), half of them after the
/// activity did its work. The retry policy carries every report through (with this seed; a report whose activity
/// failed on every attempt would end "failed" with a reason). Each outcome is also predicted from the faults alone.
/// </summary>
public sealed class ActivityFaultTests(Azurite azurite, ITestOutputHelper output) : IClassFixture<Azurite>
{
    private const string Seed = "faults-1";
    private const int Reports = 20;
    private const int RunsPerReport = 2;

    [Fact]
    public async Task With_thirty_percent_of_activity_executions_failing_every_report_still_finishes()
    {
        var workspace = "ws-faults-" + Guid.NewGuid().ToString("N")[..8];
        ReportStore? store = null;
        var faults = new ActivityFaults(Seed, 0.3, async (activity, input) => input switch
        {
            RunReportRequest r => r.EvalRunUuid,
            ReportKey k => await ReportLabelAsync(store!, k.WorkspaceUuid, k.ReportUuid),
            ReportFailure f => await ReportLabelAsync(store!, f.WorkspaceUuid, f.ReportUuid),
            _ => input.ToString()!,
        });
        await using var service = await LiveService.StartAsync(azurite.Settings(s => s with { DevWorkspaceUuid = workspace }), activities: faults);
        store = service.App.Get<ReportStore>();
        var runsByReport = new List<string[]>();
        for (var i = 0; i < Reports; i++)
        {
            var runs = new string[RunsPerReport];
            for (var j = 0; j < RunsPerReport; j++)
            {
                runs[j] = await service.ImportRunAsync(SampleRuns.Safety($"fault-{i}-{j}", 4, 1 + j));
            }

            runsByReport.Add(runs);
        }

        var ids = await Task.WhenAll(runsByReport.Select(runs => service.CreateReportAsync(runs)));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await Task.WhenAll(ids.Select(id => service.Durable.Client.WaitForInstanceCompletionAsync(id, timeout.Token)));

        var attempts = SuiteReportOrchestration.ActivityRetry.Retry!.Policy!.MaxNumberOfAttempts;
        var failureAttempts = SuiteReportOrchestration.FailureRetry.Retry!.Policy!.MaxNumberOfAttempts;
        var lost = 0;
        for (var i = 0; i < Reports; i++)
        {
            var expected = Expected(faults, runsByReport[i], attempts, failureAttempts);
            var report = (await service.SendAsync("GET", $"/v2/eval-reports/{ids[i]}")).Json!;
            var status = report["status"]!.GetValue<string>();
            output.WriteLine($"report {i}: expected {expected}, got {status} {report["error"]}");
            Assert.Equal(expected, status);
            if (status == "finished")
            {
                Assert.Equal(runsByReport[i], report["eval_run_reports"]!.AsArray().Select(r => r!["eval_run_uuid"]!.GetValue<string>()));
                Assert.False(string.IsNullOrEmpty(report["overall_failing_responses_summary"]?.GetValue<string>()));
            }
            else
            {
                lost++;
                Assert.False(string.IsNullOrWhiteSpace(report["error"]?.GetValue<string>()));
            }
        }

        Assert.Equal(0, lost);
        var rowsPerReport = await RunReportRowsAsync(workspace);
        Assert.All(rowsPerReport.Values, n => Assert.InRange(n, 0, RunsPerReport));
        output.WriteLine($"activity executions: {faults.Executions}; faults injected: {faults.Injected}; " +
            $"reports lost (failed): {lost} of {Reports}; stuck (never finished nor failed): 0");
    }

    /// <summary>What the orchestration must make of the injected faults (attempts are per activity and input).</summary>
    private static string Expected(ActivityFaults faults, string[] runs, int attempts, int failureAttempts)
    {
        var label = "report-of-" + runs[0];
        string outcome;
        if (faults.Exhausts(TaskNames.MarkReportProcessing, label, attempts) || runs.Any(r => faults.Exhausts(TaskNames.BuildRunReport, r, attempts)))
        {
            outcome = "failed";
        }
        else if (faults.Exhausts(TaskNames.FinishReport, label, attempts))
        {
            // FinishReport that did its work before a fault left a finished report, which stays finished.
            outcome = faults.WorkDoneDespiteFault(TaskNames.FinishReport, label, attempts) ? "finished" : "failed";
        }
        else
        {
            outcome = "finished";
        }

        return outcome == "failed" && faults.Exhausts(TaskNames.MarkReportFailed, label, failureAttempts) ? "stuck" : outcome;
    }

    private static async Task<string> ReportLabelAsync(ReportStore store, string workspace, string reportUuid) =>
        await store.GetRecordAsync(workspace, reportUuid) is { } record ? "report-of-" + record.EvalRunUuids[0] : reportUuid;

    private async Task<Dictionary<string, int>> RunReportRowsAsync(string workspace)
    {
        var rows = new Dictionary<string, int>();
        await foreach (var row in azurite.Service.GetTableClient(azurite.Prefix + "runreports").QueryAsync<TableEntity>(select: ["PartitionKey"]))
        {
            if (row.PartitionKey.StartsWith(workspace + "|", StringComparison.Ordinal))
            {
                rows[row.PartitionKey] = rows.GetValueOrDefault(row.PartitionKey) + 1;
            }
        }

        return rows;
    }
}
