using EvalReports.Contracts;
using EvalReports.Stats;

namespace EvalReports.Tests.Stats;

public sealed class ComparisonTests
{
    private static ScoredResponse R(string prompt, bool passed, bool excluded = false) =>
        new() { PromptUuid = prompt, IsPassed = passed, ExcludeFromScoring = excluded };

    [Fact]
    public void Prompts_are_matched_by_uuid_into_regressed_and_fixed()
    {
        ScoredResponse[] baseline = [R("a", true), R("b", true), R("c", false), R("d", false), R("only-before", true)];
        ScoredResponse[] current = [R("a", true), R("b", false), R("c", true), R("d", false), R("only-now", false)];

        var comparison = RunComparer.Compare("base", StatsCalculator.ForRun([], baseline), PromptOutcomes.Of(baseline),
            StatsCalculator.ForRun([], current), PromptOutcomes.Of(current));

        Assert.Equal(["b"], comparison.RegressedPrompts!);
        Assert.Equal(["c"], comparison.FixedPrompts!);
        Assert.Equal(1, comparison.RegressedPromptCount);
        Assert.Equal("base", comparison.BaselineEvalRunUuid);
        Assert.Equal(3.0 / 5, comparison.BaselinePassRate!.Value, 10);
        Assert.Equal(2.0 / 5, comparison.CurrentPassRate!.Value, 10);
    }

    [Fact]
    public void A_thread_fails_when_any_of_its_turns_fails_and_excluded_turns_do_not_count()
    {
        var outcomes = PromptOutcomes.Of([R("t", true), R("t", false), R("u", true), R("u", false, excluded: true)]);

        Assert.False(outcomes.Passed("t"));
        Assert.True(outcomes.Passed("u"));
    }

    [Fact]
    public void The_paragraph_says_what_regressed_then_what_got_fixed_then_the_numbers()
    {
        var comparison = RunComparer.Test(1, 8, 7, 8) with
        {
            RegressedPrompts = ["p1", "p2"], RegressedPromptCount = 2, FixedPrompts = ["p3"], FixedPromptCount = 1,
        };
        var text = ComparisonWriter.ForRun(comparison, id => id == "p1" ? "How do I reset the device?" : null)!;

        Assert.StartsWith("Compared with the baseline: 2 prompts regressed", text);
        Assert.True(text.IndexOf("regressed", StringComparison.Ordinal) < text.IndexOf("got fixed", StringComparison.Ordinal));
        Assert.Contains("\"How do I reset the device?\"", text);
        Assert.Contains("87.5% to 12.5%", text);     // 7/8 → 1/8
        Assert.Contains("Fisher's exact test", text);
        Assert.Contains("a significant regression", text);
    }

    [Fact]
    public void Suite_comparison_pools_the_matched_runs_and_counts_new_ones()
    {
        RunComparison?[] runs = [RunComparer.Test(60, 100, 45, 100) with { FixedPromptCount = 15 }, RunComparer.New()];

        var suite = RunComparer.Suite("b", runs);

        Assert.Equal(1, suite.RunsImproved);
        Assert.Equal(1, suite.RunsNew);
        Assert.Equal(15, suite.FixedPromptCount);
        Assert.Equal("improved", suite.Verdict);
        Assert.Equal(0.0337, suite.PValue!.Value, 3);
    }
}
