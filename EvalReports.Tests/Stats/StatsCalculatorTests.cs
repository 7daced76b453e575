using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using System.Text.Json;
using EvalReports.Contracts;
using AppJson = EvalReports.Contracts.Json;
using EvalReports.Stats;

namespace EvalReports.Tests.Stats;

public sealed class StatsCalculatorTests
{
    [Fact]
    public void Accuracy_sample_stats_come_per_category_in_the_order_its_prompts_name_them()
    {
        var run = Sample("accuracy-run.json");
        var prompts = run["prompts"]!.AsArray();
        var responses = run["responses"]!.AsArray();
        var order = prompts.Select(p => p!["category"]!.GetValue<string>()).Distinct().ToList();
        var categoryOf = prompts.ToDictionary(p => p!["prompt_uuid"]!.GetValue<string>(), p => p!["category"]!.GetValue<string>());

        var stats = StatsCalculator.ForRun(
            prompts.Deserialize<EvalPrompt[]>(AppJson.Options)!, responses.Deserialize<ScoredResponse[]>(AppJson.Options)!);

        Assert.Equal(30, stats.Scored);   // samples/README.md: 30 prompts, 22 pass, 8 fail
        Assert.Equal(22, stats.Passed);
        Assert.Equal(8, stats.Failed);
        Assert.Equal(order, stats.ByCategory.Select(c => c.Category).ToList());
        foreach (var category in stats.ByCategory)
        {
            var inCategory = responses.Where(r => categoryOf[r!["prompt_uuid"]!.GetValue<string>()] == category.Category).ToList();
            Assert.Equal(inCategory.Count, category.Scored);
            Assert.Equal(inCategory.Count(r => r!["is_passed"]!.GetValue<bool>()), category.Passed);
        }

        // Wilson for 22/30 written out: p = 0.7333, z² = 3.8415, center = (0.7333 + 0.0640) / 1.1280 = 0.7069,
        // half = 1.96 · sqrt(0.006519 + 0.001067) / 1.1280 = 0.1513 → [0.5556, 0.8582].
        Assert.Equal(0.5556, stats.PassRateCi95![0], 3);
        Assert.Equal(0.8582, stats.PassRateCi95![1], 3);
    }

    [Fact]
    public void Safety_sample_counts_the_excluded_and_refused_responses()
    {
        var run = Sample("safety-run.json");
        var responses = run["responses"]!.AsArray();

        var stats = StatsCalculator.ForRun(
            run["prompts"]!.Deserialize<EvalPrompt[]>(AppJson.Options)!, responses.Deserialize<ScoredResponse[]>(AppJson.Options)!);

        Assert.Equal(39, stats.Scored);   // 40 prompts: 28 pass, 11 fail, 1 excluded
        Assert.Equal(28, stats.Passed);
        Assert.Equal(11, stats.Failed);
        Assert.Equal(1, stats.Excluded);
        Assert.Equal(responses.Count(r => r!["ai_refused"]?.GetValue<bool>() == true && r["exclude_from_scoring"]?.GetValue<bool>() != true), stats.Refused);
        Assert.Empty(stats.ByCategory);
    }

    [Fact]
    public void Suite_stats_add_the_runs_up()
    {
        var a = new ReportStats { Scored = 10, Passed = 7, Failed = 3, Refused = 2, ByCategory = [new CategoryStats { Category = "x", Scored = 10, Passed = 7 }] };
        var b = new ReportStats { Scored = 5, Passed = 1, Failed = 4, Excluded = 1, ByCategory = [new CategoryStats { Category = "y", Scored = 5, Passed = 1 }] };

        var suite = StatsCalculator.ForSuite([a, b]);

        Assert.Equal(15, suite.Scored);
        Assert.Equal(8, suite.Passed);
        Assert.Equal(7, suite.Failed);
        Assert.Equal(1, suite.Excluded);
        Assert.Equal(8.0 / 15, suite.PassRate!.Value, 10);
        Assert.Equal(["x", "y"], suite.ByCategory.Select(c => c.Category).ToList());
    }

    internal static JsonObject Sample(string file, [CallerFilePath] string source = "") =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Path.GetDirectoryName(source)!, "..", "..", "samples", file)))!.AsObject();
}
