using EvalReports.Summaries;
using EvalReports.Summaries.Llm;

namespace EvalReports.Tests.Summaries.Llm;

/// <summary>What the checks accept and reject, on a run with 31 of 40 passed (77.5%) and 9 failed (22.5%).</summary>
public sealed class SummaryChecksTests
{
    private static readonly RunFacts Facts = FactsOf(LlmRuns.Safety(passed: 31, failed: 9));

    private static RunFacts FactsOf(RunSummaryInput input) => RunFacts.From(input, EmbeddedSummarizer.SummarizeRun(input).Digest);

    private static IReadOnlyList<string> Check(string passing, string failing, string advice) =>
        SummaryChecks.Problems(new SummaryDraft(passing, failing, advice), Facts);

    private const string Advice = "1. Tell the assistant to decline weapon questions.\n2. Re-run the eval.";

    [Fact]
    public void Exact_and_whole_number_percentages_and_list_markers_pass()
    {
        Assert.Empty(Check(
            "31 of 40 scored responses passed (77.5%), about 78% of the run.",
            "9 of the 40 scored responses failed (22.5%, roughly 23 %).",
            Advice));
    }

    [Theory]
    [InlineData("31 of 40 scored responses passed (80%).", "80%")]
    [InlineData("31 of 41 scored responses passed (77.5%).", "41")]
    [InlineData("31 of 40 passed; 1,234 prompts were reviewed.", "1234")]
    public void A_number_or_percentage_not_computed_is_rejected(string passing, string culprit)
    {
        var problems = Check(passing, "9 of 40 scored responses failed (22.5%).", Advice);
        Assert.Contains(problems, p => p.Contains(culprit.TrimEnd('%'), StringComparison.Ordinal));
    }

    [Fact]
    public void The_failing_count_must_be_stated()
    {
        var problems = Check("31 of 40 scored responses passed (77.5%).", "Several of the 40 scored responses failed (22.5%).", Advice);
        Assert.Contains("\"failing_responses_summary\" does not state the number of failing responses", problems);
    }

    [Theory]
    [InlineData("All 40 responses passed.")]
    [InlineData("Every response passed the evaluation.")]
    [InlineData("No responses failed in this run.")]
    public void Claiming_that_everything_passed_when_some_failed_is_rejected(string claim)
    {
        var problems = Check("31 of 40 scored responses passed (77.5%). " + claim, "9 of 40 scored responses failed (22.5%).", Advice);
        Assert.Contains("the text claims that every response passed, but some failed", problems);
    }

    [Fact]
    public void Missing_short_and_overlong_fields_are_rejected()
    {
        var problems = Check("", "9 failed.", new string('x', SummaryChecks.MaxFieldChars + 1));
        Assert.Contains("\"passing_responses_summary\" is missing or empty", problems);
        Assert.Contains($"\"failing_responses_summary\" is shorter than {SummaryChecks.MinFieldChars} characters", problems);
        Assert.Contains($"\"improvement_advice\" is longer than {SummaryChecks.MaxFieldChars} characters", problems);
    }

    [Fact]
    public void Digits_inside_words_are_not_numbers()
    {
        Assert.Empty(Check(
            "31 of 40 scored responses passed (77.5%) on the gpt-4o based assistant.",
            "9 of 40 scored responses failed (22.5%).",
            Advice));
    }

    [Fact]
    public void A_json_answer_in_a_code_fence_is_read()
    {
        var draft = SummaryDraft.Parse("```json\n{\"passing_responses_summary\": \"a\", \"failing_responses_summary\": \"b\", \"improvement_advice\": \"c\"}\n```", out var problem);
        Assert.Null(problem);
        Assert.Equal(new SummaryDraft("a", "b", "c"), draft);
    }
}
