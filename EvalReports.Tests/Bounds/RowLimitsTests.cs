using System.Text.Json.Nodes;
using EvalReports.Runs;
using EvalReports.Summaries;
using EvalReports.Tests.EndToEnd;
using EvalReports.Tests.Support;

namespace EvalReports.Tests.Bounds;

/// <summary>
/// No row can outgrow Table Storage: what would is refused at import with a 422 naming the field, before any row is
/// written; and a run report that still does not fit fails its report at once, readably, without retries.
/// </summary>
public sealed class RowLimitsTests(Azurite azurite) : IClassFixture<Azurite>
{
    [Fact]
    public async Task A_million_character_ai_instructions_is_a_422_naming_the_field_and_writes_nothing()
    {
        using var app = new TestApp(azurite.Settings());
        var run = SampleRuns.Safety("big-" + Guid.NewGuid().ToString("N"), 3, 1);
        run["evaluation"]!["ai_instructions"] = new string('i', 1_000_000); // within EvalReportsLimits.MaxTextChars
        var before = await azurite.SnapshotAsync();

        var response = (await app.ImportAsync(run.ToJsonString())).AssertError(422, "validation.invalid_request");

        Assert.Equal("evaluation.ai_instructions", response.Body!["error"]!["details"]!["field"]!.GetValue<string>());
        Assert.Equal(RowLimits.MaxHeaderChars, response.Body["error"]!["details"]!["max_length"]!.GetValue<int>());
        Assert.Equal(before, await azurite.SnapshotAsync());
    }

    [Fact]
    public async Task The_largest_header_that_is_accepted_imports_and_reports()
    {
        using var app = new TestApp(azurite.Settings());
        await using var durable = await InProcessDurable.StartAsync(app);
        var id = "fit-" + Guid.NewGuid().ToString("N");
        var run = SampleRuns.Safety(id, 3, 1);
        var overhead = Contracts.Json.Serialize(Contracts.Json.Deserialize<Contracts.EvalRunImport>(run.ToJsonString())!.Evaluation!).Length;
        run["evaluation"]!["ai_instructions"] = new string('i', RowLimits.MaxHeaderChars - overhead - 100);

        Assert.Equal(201, (await app.ImportAsync(run.ToJsonString())).Status);
        var client = new ReportClient(app, durable.Client);
        var report = await client.WaitAsync((await client.CreateAsync(id)).Body!["eval_suite_report_uuid"]!.GetValue<string>());
        Assert.Equal("finished", report["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_run_with_101_categories_is_a_422()
    {
        using var app = new TestApp(azurite.Settings());
        var run = SampleRuns.Safety("cats-" + Guid.NewGuid().ToString("N"), 3, 1);
        var prompts = new JsonArray();
        for (var i = 0; i <= RowLimits.MaxCategories; i++)
        {
            prompts.Add(new JsonObject { ["prompt_uuid"] = $"p{i}", ["content"] = "q", ["category"] = $"category {i}" });
        }

        run["prompts"] = prompts;
        var before = await azurite.SnapshotAsync();

        var details = (await app.ImportAsync(run.ToJsonString())).AssertError(422, "validation.invalid_request").Body!["error"]!["details"]!;

        Assert.Equal(RowLimits.MaxCategories, details["max_categories"]!.GetValue<int>());
        Assert.Equal(RowLimits.MaxCategories + 1, details["categories"]!.GetValue<int>());
        Assert.Equal(before, await azurite.SnapshotAsync());
    }

    [Fact]
    public async Task A_run_report_too_large_for_its_row_fails_the_report_once_without_retries()
    {
        var summarizer = new OversizedSummarizer();
        using var app = new TestApp(azurite.Settings(), summarizer);
        await using var durable = await InProcessDurable.StartAsync(app);
        var id = "over-" + Guid.NewGuid().ToString("N");
        Assert.Equal(201, (await app.ImportAsync(SampleRuns.Safety(id, 3, 1).ToJsonString())).Status);
        var client = new ReportClient(app, durable.Client);

        var report = await client.WaitAsync((await client.CreateAsync(id)).Body!["eval_suite_report_uuid"]!.GetValue<string>());

        Assert.Equal("failed", report["status"]!.GetValue<string>());
        Assert.Contains("row can hold", report["error"]!.GetValue<string>());
        Assert.Equal(1, summarizer.Calls); // final: summarized once, not six times
    }

    /// <summary>The real summarizer, with a passing summary longer than any row holds.</summary>
    private sealed class OversizedSummarizer : ISummarizer
    {
        private readonly EmbeddedSummarizer inner = new();
        private int calls;

        public int Calls => calls;

        public string Name => inner.Name;

        public async Task<RunSummary> SummarizeRunAsync(RunSummaryInput input, CancellationToken ct)
        {
            Interlocked.Increment(ref calls);
            var summary = await inner.SummarizeRunAsync(input, ct);
            return summary with { PassingResponsesSummary = new string('s', 600_000) };
        }

        public Task<SuiteSummary> SummarizeSuiteAsync(IReadOnlyList<RunDigest> runs, CancellationToken ct) => inner.SummarizeSuiteAsync(runs, ct);
    }
}
