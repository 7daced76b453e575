using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using EvalReports.Contracts;
using EvalReports.Summaries;
using EvalReports.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace EvalReports.Tests.EndToEnd;

/// <summary>HTTP function → real in-process orchestration → activities → Azurite → GET, as a user sees it.</summary>
public sealed class SuiteReportEndToEndTests(Azurite azurite, ITestOutputHelper output) : IClassFixture<Azurite>
{
    [Fact]
    public async Task A_ten_run_suite_finishes_with_numbers_that_match_the_imported_data()
    {
        using var app = new TestApp(azurite.Settings());
        await using var durable = await InProcessDurable.StartAsync(app);
        var client = new ReportClient(app, durable.Client);
        var passedByRun = new Dictionary<string, int>();
        for (var i = 0; i < 10; i++)
        {
            var run = $"e2e-{Guid.NewGuid():N}";
            passedByRun[run] = 50 + i * 5;
            Assert.Equal(201, (await app.ImportAsync(SampleRuns.Safety(run, 100, passedByRun[run], name: $"Safety run {i}").ToJsonString())).Status);
        }

        var watch = Stopwatch.StartNew();
        var created = await client.CreateAsync([.. passedByRun.Keys]);
        Assert.Equal(200, created.Status);
        var report = await client.WaitAsync(created.Body!["eval_suite_report_uuid"]!.GetValue<string>());
        output.WriteLine($"10 runs x 100 responses: POST to finished in {watch.ElapsedMilliseconds} ms");

        Assert.Equal("finished", report["status"]!.GetValue<string>());
        var runReports = report["eval_run_reports"]!.AsArray();
        Assert.Equal(passedByRun.Keys, runReports.Select(r => r!["eval_run_uuid"]!.GetValue<string>()));
        foreach (var runReport in runReports)
        {
            var passed = passedByRun[runReport!["eval_run_uuid"]!.GetValue<string>()];
            var evalRun = runReport["eval_run"]!;
            Assert.Equal(passed / 100.0, evalRun["pass_rate"]!.GetValue<double>(), 10);
            Assert.Equal(100, evalRun["num_responses_scored"]!.GetValue<int>());
            Assert.Equal(100, evalRun["num_prompts"]!.GetValue<int>());
            Assert.Null(evalRun["responses"]);
            Assert.Equal("embedded", runReport["summarizer"]!.GetValue<string>());
            var percent = (passed * 100.0 / 100).ToString("0.#", CultureInfo.InvariantCulture);
            Assert.Contains($"Out of 100 scored responses, {passed} passed ({percent}%)", runReport["passing_responses_summary"]!.GetValue<string>());
            Assert.Contains($"{100 - passed} of 100 scored responses failed", runReport["failing_responses_summary"]!.GetValue<string>());
            Assert.False(string.IsNullOrWhiteSpace(runReport["improvement_advice"]!.GetValue<string>()));
            Assert.False(string.IsNullOrWhiteSpace(runReport["eval_run_report_uuid"]!.GetValue<string>()));
        }

        var overall = report["overall_passing_responses_summary"]!.GetValue<string>();
        for (var i = 0; i < 10; i++)
        {
            Assert.Contains($"Safety run {i}", overall);
        }

        Assert.False(string.IsNullOrWhiteSpace(report["overall_failing_responses_summary"]!.GetValue<string>()));
        Assert.False(string.IsNullOrWhiteSpace(report["overall_improvement_advice"]!.GetValue<string>()));
        Assert.Equal(10, report["progress"]!["runs_done"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_single_run_report_has_null_overall_summaries_and_can_include_responses()
    {
        using var app = new TestApp(azurite.Settings());
        await using var durable = await InProcessDurable.StartAsync(app);
        var client = new ReportClient(app, durable.Client);
        var run = $"single-{Guid.NewGuid():N}";
        await app.ImportAsync(SampleRuns.Safety(run, 6, 4).ToJsonString());

        var id = (await client.CreateAsync(run)).Body!["eval_suite_report_uuid"]!.GetValue<string>();
        var report = await client.WaitAsync(id);

        Assert.Equal("finished", report["status"]!.GetValue<string>());
        Assert.Null(report["overall_passing_responses_summary"]);
        Assert.Null(report["overall_failing_responses_summary"]);
        Assert.Null(report["overall_improvement_advice"]);
        var withResponses = (await client.GetAsync(id, "include_responses=true")).Body!;
        Assert.Equal(6, withResponses["eval_run_reports"]![0]!["eval_run"]!["responses"]!.AsArray().Count);
    }

    [Fact]
    public async Task Deleting_a_report_removes_every_row_and_later_reads_are_404()
    {
        using var app = new TestApp(azurite.Settings());
        await using var durable = await InProcessDurable.StartAsync(app);
        var client = new ReportClient(app, durable.Client);
        var run = $"del-{Guid.NewGuid():N}";
        await app.ImportAsync(SampleRuns.Safety(run, 5, 2).ToJsonString());
        var before = await azurite.SnapshotAsync();

        var id = (await client.CreateAsync(run)).Body!["eval_suite_report_uuid"]!.GetValue<string>();
        await client.WaitAsync(id);

        Assert.Equal(204, (await client.DeleteAsync(id)).Status);
        (await client.GetAsync(id)).AssertError(404, "resource.not_found");
        (await client.DeleteAsync(id)).AssertError(404, "resource.not_found");
        Assert.Equal(before, await azurite.SnapshotAsync());
    }

    [Fact]
    public async Task Deleting_a_report_while_it_is_processing_stops_it_and_leaves_nothing_behind()
    {
        var summarizer = new GatedSummarizer();
        var builds = new ActivityGate(EvalReports.Reports.TaskNames.BuildRunReport, hold: false);
        using var app = new TestApp(azurite.Settings(), summarizer);
        await using var durable = await InProcessDurable.StartAsync(app, builds);
        var client = new ReportClient(app, durable.Client);
        var runs = new[] { $"busy-{Guid.NewGuid():N}", $"busy-{Guid.NewGuid():N}" };
        foreach (var run in runs)
        {
            await app.ImportAsync(SampleRuns.Safety(run, 5, 2).ToJsonString());
        }

        var before = await azurite.SnapshotAsync();
        var id = (await client.CreateAsync(runs)).Body!["eval_suite_report_uuid"]!.GetValue<string>();
        await builds.EnteredAsync(runs.Length); // both run reports are being built, held at the summarizer

        Assert.Equal(204, (await client.DeleteAsync(id)).Status);
        summarizer.Open(); // the activities that were running now try to write
        await builds.FinishedAsync(runs.Length);

        (await client.GetAsync(id)).AssertError(404, "resource.not_found");
        Assert.Equal(before, await azurite.SnapshotAsync());
    }

    [Fact]
    public async Task Listing_pages_newest_first_with_the_total_count()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var app = new TestApp(azurite.Settings(s => s with { DevWorkspaceUuid = "ws-list-" + Guid.NewGuid().ToString("N") }), clock: clock);
        await using var durable = await InProcessDurable.StartAsync(app);
        var client = new ReportClient(app, durable.Client);
        var run = $"list-{Guid.NewGuid():N}";
        await app.ImportAsync(SampleRuns.Safety(run, 3, 2).ToJsonString());
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await client.CreateAsync(run)).Body!["eval_suite_report_uuid"]!.GetValue<string>());
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        var first = (await client.ListAsync("limit=2")).Body!;
        var second = (await client.ListAsync("limit=2&offset=2")).Body!;

        Assert.Equal(3, first["count"]!.GetValue<int>());
        Assert.Equal(3, second["count"]!.GetValue<int>());
        var listed = first["items"]!.AsArray().Concat(second["items"]!.AsArray()).Select(r => r!["eval_suite_report_uuid"]!.GetValue<string>());
        Assert.Equal(Enumerable.Reverse(ids), listed);
        (await client.ListAsync("limit=0")).AssertError(422, "validation.invalid_request");
        (await client.ListAsync("limit=101")).AssertError(422, "validation.invalid_request");
        (await client.ListAsync("offset=-1")).AssertError(422, "validation.invalid_request");
    }

    [Fact]
    public async Task A_run_that_keeps_failing_ends_the_report_as_failed_with_a_reason()
    {
        using var app = new TestApp(azurite.Settings(), new FailingSummarizer("boom-"));
        await using var durable = await InProcessDurable.StartAsync(app);
        var client = new ReportClient(app, durable.Client);
        var good = $"ok-{Guid.NewGuid():N}";
        var bad = $"boom-{Guid.NewGuid():N}";
        await app.ImportAsync(SampleRuns.Safety(good, 4, 2).ToJsonString());
        await app.ImportAsync(SampleRuns.Safety(bad, 4, 2).ToJsonString());

        var id = (await client.CreateAsync(good, bad)).Body!["eval_suite_report_uuid"]!.GetValue<string>();
        var report = await client.WaitAsync(id);

        Assert.Equal("failed", report["status"]!.GetValue<string>());
        Assert.Contains("BuildRunReport", report["error"]!.GetValue<string>());
        Assert.DoesNotContain("   at ", report["error"]!.GetValue<string>());
    }

    /// <summary>The real summarizer, except that it always throws for runs whose uuid starts with a prefix.</summary>
    private sealed class FailingSummarizer(string prefix) : ISummarizer
    {
        private readonly EmbeddedSummarizer inner = new();

        public string Name => inner.Name;

        public Task<RunSummary> SummarizeRunAsync(RunSummaryInput input, CancellationToken ct) =>
            input.Run.EvalRunUuid.StartsWith(prefix, StringComparison.Ordinal)
                ? throw new InvalidOperationException("summarizer exploded")
                : inner.SummarizeRunAsync(input, ct);

        public Task<SuiteSummary> SummarizeSuiteAsync(IReadOnlyList<RunDigest> runs, CancellationToken ct) => inner.SummarizeSuiteAsync(runs, ct);
    }
}
