using EvalReports.Reports;
using EvalReports.Tests.Support;
using Microsoft.DurableTask.Client;

namespace EvalReports.Tests.EndToEnd;

/// <summary>
/// Suites larger than <see cref="SuiteReportOrchestration.RunsPerBatch"/> are built through sub-orchestrations of
/// bounded size (real in-process Durable, Azurite): the report is whole and in order, the parent keeps the report uuid
/// as its instance id (stuck-report checks find it), and a run that fails in a batch fails the report with its reason.
/// </summary>
public sealed class SuiteBatchesEndToEndTests(Azurite azurite) : IClassFixture<Azurite>
{
    /// <summary>These suites (two full batches and a part) are over the app's 100 runs per report.</summary>
    private static readonly EvalReportsLimits ManyRuns = TestLimits.Default with { MaxRunsPerReport = 1000 };

    private const int Runs = (2 * SuiteReportOrchestration.RunsPerBatch) + 7;

    [Fact]
    public async Task A_suite_of_several_batches_finishes_whole_in_the_requested_order_under_the_report_uuid()
    {
        using var app = new TestApp(azurite.Settings(s => s with { DevWorkspaceUuid = "ws-batch-" + Guid.NewGuid().ToString("N") }), limits: ManyRuns);
        var runs = await ImportAsync(app, "b");
        await using var durable = await InProcessDurable.StartAsync(app);
        var client = new ReportClient(app, durable.Client);

        var created = await client.CreateAsync([.. runs]);
        Assert.Equal(200, created.Status);
        var id = created.Body!["eval_suite_report_uuid"]!.GetValue<string>();
        var report = await client.WaitAsync(id);

        Assert.Equal("finished", report["status"]!.GetValue<string>());
        Assert.Equal(runs, report["eval_run_reports"]!.AsArray().Select(r => r!["eval_run_uuid"]!.GetValue<string>()));
        Assert.All(report["eval_run_reports"]!.AsArray(), r => Assert.Contains("Out of 2 scored responses, 1 passed", r!["passing_responses_summary"]!.GetValue<string>()));
        Assert.Contains($"{Runs} eval runs", report["overall_passing_responses_summary"]!.GetValue<string>());

        var parent = await durable.Client.GetInstanceAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, parent!.RuntimeStatus);
        var batches = (Runs + SuiteReportOrchestration.RunsPerBatch - 1) / SuiteReportOrchestration.RunsPerBatch;
        for (var b = 0; b < batches; b++)
        {
            var batch = await durable.Client.GetInstanceAsync(SuiteReportOrchestration.BatchInstanceId(id, b));
            Assert.Equal(OrchestrationRuntimeStatus.Completed, batch!.RuntimeStatus);
        }

        Assert.Null(await durable.Client.GetInstanceAsync(SuiteReportOrchestration.BatchInstanceId(id, batches)));

        // A GET with the Durable client runs the stuck-report check against the parent: a finished report stays so.
        var get = HttpCall.Request("GET", $"/v2/eval-reports/{id}");
        var read = HttpCall.Read(get, await app.Reports.Get(get, id, durable.Client));
        Assert.Equal("finished", read.Body!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_run_that_fails_in_a_later_batch_fails_the_report_with_its_reason()
    {
        using var app = new TestApp(azurite.Settings(s => s with { DevWorkspaceUuid = "ws-batchf-" + Guid.NewGuid().ToString("N") }), limits: ManyRuns);
        var runs = await ImportAsync(app, "f");
        var doomed = runs[SuiteReportOrchestration.RunsPerBatch + 3];
        await using var durable = await InProcessDurable.StartAsync(app, new FailRun(doomed));
        var client = new ReportClient(app, durable.Client);

        var id = (await client.CreateAsync([.. runs])).Body!["eval_suite_report_uuid"]!.GetValue<string>();
        var report = await client.WaitAsync(id);

        Assert.Equal("failed", report["status"]!.GetValue<string>());
        Assert.Equal($"Eval run {doomed} no longer exists.", report["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Deleting_a_batched_report_while_its_batches_run_stops_them_and_leaves_nothing_of_it()
    {
        var summarizer = new GatedSummarizer();
        using var app = new TestApp(
            azurite.Settings(s => s with { DevWorkspaceUuid = "ws-batchd-" + Guid.NewGuid().ToString("N") }), summarizer, limits: ManyRuns);
        var runs = await ImportAsync(app, "d");
        var before = await azurite.SnapshotAsync();
        var inFlight = new InFlight();
        await using var durable = await InProcessDurable.StartAsync(app, inFlight);
        var client = new ReportClient(app, durable.Client);

        var id = (await client.CreateAsync([.. runs])).Body!["eval_suite_report_uuid"]!.GetValue<string>();
        await summarizer.Entered.WaitAsync(TimeSpan.FromSeconds(60)); // the first batch's runs are being summarized
        Assert.Equal(204, (await client.DeleteAsync(id)).Status);
        summarizer.Open();

        var instances = new[] { id }.Concat(Enumerable.Range(0, 3).Select(b => SuiteReportOrchestration.BatchInstanceId(id, b)));
        foreach (var instance in instances)
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (await durable.Client.GetInstanceAsync(instance) is { IsCompleted: false })
            {
                Assert.True(DateTime.UtcNow < deadline, $"orchestration {instance} still running");
                await Task.Delay(100);
            }
        }

        // A terminated orchestration's activities may still be finishing their (self-removing) writes.
        var drained = DateTime.UtcNow.AddSeconds(60);
        while (inFlight.Count > 0)
        {
            Assert.True(DateTime.UtcNow < drained, $"{inFlight.Count} activities still running");
            await Task.Delay(100);
        }

        (await client.GetAsync(id)).AssertError(404, "resource.not_found");
        Assert.Equal(before, await azurite.SnapshotAsync());
    }

    private static async Task<List<string>> ImportAsync(TestApp app, string stem)
    {
        var runs = Enumerable.Range(0, Runs).Select(i => $"{stem}{i:D3}-{Guid.NewGuid():N}").ToList();
        foreach (var chunk in runs.Chunk(8))
        {
            var statuses = await Task.WhenAll(chunk.Select(async r => (await app.ImportAsync(SampleRuns.Safety(r, 2, 1).ToJsonString())).Status));
            Assert.All(statuses, s => Assert.Equal(201, s));
        }

        return runs;
    }

    /// <summary>Counts activity executions still running.</summary>
    private sealed class InFlight : IActivityInterceptor
    {
        private int count;

        public int Count => Volatile.Read(ref count);

        public async Task<T> InvokeAsync<T>(string activity, object input, Func<Task<T>> run)
        {
            Interlocked.Increment(ref count);
            try
            {
                return await run();
            }
            finally
            {
                Interlocked.Decrement(ref count);
            }
        }
    }

    /// <summary>The run's report activity fails for good, as when its run was deleted after the POST.</summary>
    private sealed class FailRun(string runUuid) : IActivityInterceptor
    {
        public Task<T> InvokeAsync<T>(string activity, object input, Func<Task<T>> run) =>
            input is RunReportRequest request && request.EvalRunUuid == runUuid
                ? throw new ReportBuildException($"Eval run {runUuid} no longer exists.")
                : run();
    }
}
