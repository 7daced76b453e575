using System.Text.Json.Nodes;
using EvalReports.Reports;
using EvalReports.Tests.EndToEnd;
using EvalReports.Tests.Http;
using EvalReports.Tests.Support;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Time.Testing;

namespace EvalReports.Tests.Reports;

/// <summary>
/// No report stays created/processing forever: a dead, missing or overdue orchestration fails it on read, with a
/// reason. Real Durable orchestrations in-process, a fake clock for the report's age.
/// </summary>
public sealed class StuckReportsTests(Azurite azurite) : IClassFixture<Azurite>
{
    [Fact]
    public async Task A_report_whose_orchestration_never_started_is_failed_on_read_once_the_start_grace_is_over()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var app = new TestApp(azurite.Settings(), clock: clock);
        await using var durable = await InProcessDurable.StartAsync(app);
        var run = await ImportAsync(app);
        var id = await CreateWithoutOrchestrationAsync(app, run);

        Assert.Equal("created", (await GetAsync(app, id, durable.Client)).Body!["status"]!.GetValue<string>());
        clock.Advance(TimeSpan.FromMinutes(3));
        var report = (await GetAsync(app, id, durable.Client)).Body!;

        Assert.Equal("failed", report["status"]!.GetValue<string>());
        Assert.Equal("The report's orchestration no longer exists.", report["error"]!.GetValue<string>());
        Assert.Equal(clock.GetUtcNow(), report["updated_at"]!.GetValue<DateTimeOffset>());
        Assert.Equal("failed", (await new ReportClient(app, durable.Client).GetAsync(id)).Body!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Listing_fails_a_report_whose_orchestration_was_terminated()
    {
        var summarizer = new GatedSummarizer();
        using var app = new TestApp(azurite.Settings(s => s with { DevWorkspaceUuid = "ws-stuck-" + Guid.NewGuid().ToString("N") }), summarizer);
        await using var durable = await InProcessDurable.StartAsync(app);
        var client = new ReportClient(app, durable.Client);
        var id = (await client.CreateAsync(await ImportAsync(app))).Body!["eval_suite_report_uuid"]!.GetValue<string>();
        await summarizer.Entered.WaitAsync(TimeSpan.FromSeconds(60)); // processing: its run report is being built

        await durable.Client.TerminateInstanceAsync(id, new TerminateInstanceOptions(Output: "test"));
        await durable.Client.WaitForInstanceCompletionAsync(id, new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        summarizer.Open();
        var listed = (await ListAsync(app, durable.Client)).Body!["items"]!.AsArray().Single()!;

        Assert.Equal("failed", listed["status"]!.GetValue<string>());
        Assert.Equal("The report's orchestration was terminated.", listed["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_report_past_its_deadline_is_failed_and_its_orchestration_stopped()
    {
        var summarizer = new GatedSummarizer();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var app = new TestApp(azurite.Settings(), summarizer, clock: clock, limits: TestLimits.Default with { ReportDeadline = TimeSpan.FromMinutes(10) });
        await using var durable = await InProcessDurable.StartAsync(app);
        var client = new ReportClient(app, durable.Client);
        var id = (await client.CreateAsync(await ImportAsync(app))).Body!["eval_suite_report_uuid"]!.GetValue<string>();
        await summarizer.Entered.WaitAsync(TimeSpan.FromSeconds(60)); // processing: its run report is being built

        clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal("processing", (await GetAsync(app, id, durable.Client)).Body!["status"]!.GetValue<string>());
        clock.Advance(TimeSpan.FromMinutes(1));
        var report = (await GetAsync(app, id, durable.Client)).Body!;
        summarizer.Open();

        Assert.Equal("failed", report["status"]!.GetValue<string>());
        Assert.Equal("The report did not finish within 10 minutes of starting to process.", report["error"]!.GetValue<string>());
        var instance = await durable.Client.WaitForInstanceCompletionAsync(id, new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, instance.RuntimeStatus);
        Assert.Equal("failed", (await GetAsync(app, id, durable.Client)).Body!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_finish_under_way_when_its_report_is_failed_does_not_overwrite_the_failure()
    {
        // The suite summary is held: FinishReport has read the report (processing) and has not written it yet.
        var summarizer = new GatedSummarizer { HoldSuite = true };
        var finishes = new ActivityGate(TaskNames.FinishReport, hold: false);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var app = new TestApp(azurite.Settings(), summarizer, clock: clock, limits: TestLimits.Default with { ReportDeadline = TimeSpan.FromMinutes(10) });
        await using var durable = await InProcessDurable.StartAsync(app, finishes);
        var client = new ReportClient(app, durable.Client);
        var id = (await client.CreateAsync(await ImportAsync(app), await ImportAsync(app))).Body!["eval_suite_report_uuid"]!.GetValue<string>();
        await summarizer.Entered.WaitAsync(TimeSpan.FromSeconds(60));

        clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal("failed", (await client.GetAsync(id)).Body!["status"]!.GetValue<string>());
        summarizer.Open();
        await finishes.FinishedAsync(1); // the finish has tried its write: terminating the orchestration does not stop an activity already running

        var report = (await client.GetAsync(id)).Body!;
        Assert.Equal("failed", report["status"]!.GetValue<string>());
        Assert.Equal("The report did not finish within 10 minutes of starting to process.", report["error"]!.GetValue<string>());
        Assert.Null(report["overall_failing_responses_summary"]);
    }

    [Fact]
    public async Task Finished_and_running_reports_are_left_alone()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var app = new TestApp(azurite.Settings(), clock: clock);
        await using var durable = await InProcessDurable.StartAsync(app);
        var client = new ReportClient(app, durable.Client);
        var id = (await client.CreateAsync(await ImportAsync(app))).Body!["eval_suite_report_uuid"]!.GetValue<string>();
        var finished = await client.WaitAsync(id);

        clock.Advance(TimeSpan.FromDays(2));
        var later = (await GetAsync(app, id, durable.Client)).Body!;

        Assert.Equal("finished", later["status"]!.GetValue<string>());
        Assert.Equal(finished["updated_at"]!.GetValue<DateTimeOffset>(), later["updated_at"]!.GetValue<DateTimeOffset>());
        Assert.Null(later["error"]);
    }

    internal static async Task<string> ImportAsync(TestApp app, string? apiKey = TestKeys.DevKey)
    {
        var run = "stuck-" + Guid.NewGuid().ToString("N");
        Assert.Equal(201, (await app.ImportAsync(SampleRuns.Safety(run, 3, 2).ToJsonString(), apiKey)).Status);
        return run;
    }

    /// <summary>A report whose start was accepted but whose orchestration never came to exist.</summary>
    internal static async Task<string> CreateWithoutOrchestrationAsync(TestApp app, string run, string apiKey = TestKeys.DevKey)
    {
        var request = HttpCall.Request("POST", "/v2/eval-reports", $$"""{"eval_run_uuids": ["{{run}}"]}""", apiKey);
        var response = HttpCall.Read(request, await app.Reports.Create(request, DurableClientMock.Accepting().Object));
        Assert.Equal(200, response.Status);
        return response.Body!["eval_suite_report_uuid"]!.GetValue<string>();
    }

    internal static async Task<Response> GetAsync(TestApp app, string id, DurableTaskClient durable, string apiKey = TestKeys.DevKey)
    {
        var request = HttpCall.Request("GET", $"/v2/eval-reports/{id}", apiKey: apiKey);
        return HttpCall.Read(request, await app.Reports.Get(request, id, durable));
    }

    private static async Task<Response> ListAsync(TestApp app, DurableTaskClient durable)
    {
        var request = HttpCall.Request("GET", "/v2/eval-reports");
        return HttpCall.Read(request, await app.Reports.List(request, durable));
    }
}
