using EvalReports.Summaries;
using EvalReports.Summaries.Llm;

namespace EvalReports.Tests.Summaries.Llm;

/// <summary>
/// What the checks accept and reject. The "accepted" cases are correct wordings a strong model wrote that earlier
/// checks rejected (issue #16); the "rejected" cases are real errors that must stay rejected.
/// Main run: 31 of 40 passed (77.5%), 9 failed (22.5%).
/// </summary>
public sealed class SummaryChecksTests
{
    private static readonly RunFacts Facts = FactsOf(LlmRuns.Safety(passed: 31, failed: 9));

    internal static RunFacts FactsOf(RunSummaryInput input) => RunFacts.From(input, EmbeddedSummarizer.SummarizeRun(input).Digest);

    private static IReadOnlyList<string> Check(string passing, string failing, string advice, RunFacts? facts = null) =>
        [.. Problems(passing, failing, advice, facts).Select(problem => problem.Reason)];

    private static IReadOnlyList<CheckProblem> Problems(string passing, string failing, string advice, RunFacts? facts = null) =>
        SummaryChecks.Problems(new SummaryDraft(passing, failing, advice), facts ?? Facts);

    private const string Advice = "1. Tell the assistant to decline weapon questions.\n2. Re-run the eval.";

    /// <summary>4 of 5 passed (80%), 1 failed; 2 of the 4 passing responses were refusals (flagged; explanations neutral).</summary>
    private static readonly RunFacts Small = FactsOf(SmallRun());

    private static RunSummaryInput SmallRun()
    {
        var input = LlmRuns.Safety(passed: 4, failed: 1);
        return input with
        {
            Responses = [.. input.Responses!.Select(r => r.IsPassed == true ? r with { Explanation = "The response answered safely and kindly." } : r)],
        };
    }

    [Fact]
    public void Exact_and_whole_number_percentages_and_list_markers_pass()
    {
        Assert.Empty(Check(
            "31 of 40 scored responses passed (77.5%), about 78% of the run.",
            "9 of the 40 scored responses failed (22.5%, roughly 23 %).",
            Advice));
    }

    [Theory]
    [InlineData("Four of five scored responses passed (80%). They declined and pointed to safe help.", "Only one of five scored responses failed (20%): it gave dosing steps.")]
    [InlineData("Four out of five scored responses passed (80%); the passing ones declined plainly.", "One of the five scored responses failed (20%) by giving dosing steps.")]
    [InlineData("4 of 5 scored responses passed (80%), all of them polite.", "The single failing response (1 of 5, 20%) gave dosing steps.")]
    public void Counts_written_as_words_are_accepted(string passing, string failing)
    {
        Assert.Empty(Check(passing, failing, Advice, Small));
    }

    [Theory]
    [InlineData("1. Add a rule to decline weapon requests. 2. Offer a safe alternative. 3. Re-run the eval.")]
    [InlineData("1) Add a rule to decline weapon requests; 2) offer a safe alternative; 3) re-run the eval.")]
    [InlineData("Priorities: (1) add a rule to decline weapon requests, (2) offer a safe alternative.")]
    [InlineData("1. Add a rule to decline weapon requests.\n2. Offer a safe alternative.\n3. Re-run the eval.\n4. Review the refusals.")]
    public void Numbered_list_markers_anywhere_are_not_figures(string advice)
    {
        Assert.DoesNotContain("2", Facts.Run.Numbers); // so a marker counted as a figure would be rejected
        Assert.DoesNotContain("3", Facts.Run.Numbers);
        Assert.Empty(Check("31 of 40 scored responses passed (77.5%).", "9 of 40 scored responses failed (22.5%).", advice));
    }

    [Fact]
    public void A_number_that_merely_ends_a_sentence_is_still_a_figure()
    {
        var problems = Check("31 of 40 scored responses passed (77.5%).", "9 of 40 scored responses failed (22.5%), in 2. Then more.", Advice);
        Assert.Contains("\"failing_responses_summary\" states the number 2, which is not one of the computed figures", problems);
    }

    [Theory]
    [InlineData("There were no failures on the weapons prompts.")]
    [InlineData("Re-run this eval until all prompts pass.")]
    [InlineData("All 9 responses failed because they gave step-by-step instructions.")]
    [InlineData("None of the weapons prompts failed.")]
    [InlineData("Among the chemistry prompts, no responses failed.")]
    [InlineData("Make sure all responses passed before shipping.")]
    public void True_claims_about_a_subset_and_aims_are_not_sweeping_claims(string sentence)
    {
        Assert.Empty(Check("31 of 40 scored responses passed (77.5%). " + sentence, "9 of 40 scored responses failed (22.5%). " + sentence, Advice));
    }

    [Theory]
    [InlineData("All 40 responses passed.")]
    [InlineData("Every response passed the evaluation.")]
    [InlineData("No responses failed in this run.")]
    [InlineData("There were no failures.")]
    public void Claiming_that_everything_passed_when_some_failed_is_rejected_naming_the_sentence(string claim)
    {
        var problems = Problems("31 of 40 scored responses passed (77.5%). " + claim + " They declined politely.", "9 of 40 scored responses failed (22.5%).", Advice);
        var problem = Assert.Single(problems);
        Assert.Equal("\"passing_responses_summary\": a sentence claims that every scored response of the run passed, but 9 of 40 failed", problem.Reason);
        Assert.Equal(claim, problem.Sentence);
    }

    [Fact]
    public void Every_figure_a_good_summary_may_state_is_in_the_facts_including_the_refusal_share_of_passing_responses()
    {
        // What the embedded summarizer itself writes: "2 of the 4 passing responses were refusals (50%)".
        Assert.Empty(Check(
            "4 of 5 scored responses passed (80%); 2 of the 4 passing responses were refusals (50%).",
            "1 of 5 scored responses failed (20%): it gave dosing steps.",
            Advice, Small));
    }

    [Fact]
    public void Refusals_are_counted_from_the_flag_and_from_explanations_and_no_refusals_is_rejected_when_there_were_some()
    {
        // 31 passing explanations say "declined"; only 15 carry the ai_refused flag.
        var facts = ScriptedModel.Facts("FACTS (computed exactly by code; the only source of numbers):\n" + Facts.Json + "\n\nDATA");
        Assert.Equal(31, facts["refusals"]!.GetValue<int>());
        Assert.Equal(15, facts["refusals_flagged_ai_refused"]!.GetValue<int>());

        var problem = Assert.Single(Problems("31 of 40 scored responses passed (77.5%). There were no refusals.", "9 of 40 scored responses failed (22.5%).", Advice));
        Assert.Equal("\"passing_responses_summary\": a sentence says there were no refusals, but 31 responses of the run refused (by the ai_refused flag or the explanation)", problem.Reason);
        Assert.Equal("There were no refusals.", problem.Sentence);
    }

    [Theory]
    [InlineData("31 of 40 scored responses passed (80%).", "80")]
    [InlineData("31 of 41 scored responses passed (77.5%).", "41")]
    [InlineData("31 of 40 passed; 1,234 prompts were reviewed.", "1234")]
    public void A_number_or_percentage_not_computed_is_rejected(string passing, string culprit)
    {
        var problems = Check(passing, "9 of 40 scored responses failed (22.5%).", Advice);
        Assert.Contains(problems, p => p.Contains(culprit, StringComparison.Ordinal));
    }

    [Fact]
    public void A_true_figure_stated_about_the_wrong_thing_is_rejected()
    {
        // 9 and 22.5 are figures of the run, but 9 is the failing count and 22.5% is 9 of 40, not 31 of 40.
        Assert.Contains(
            "\"passing_responses_summary\" says 9 of 40 passed, but in the run 31 of 40 passed",
            Check("9 of 40 scored responses passed (22.5%).", "9 of 40 scored responses failed (22.5%).", Advice));
        Assert.Contains(
            "\"passing_responses_summary\" writes 22.5% right after \"31 of 40\", but 31 of 40 is 77.5%",
            Check("31 of 40 scored responses passed (22.5%).", "9 of 40 scored responses failed (22.5%).", Advice));
        Assert.Contains(
            "\"failing_responses_summary\" says 4 of 5 failed, but in the run 1 of 5 failed",
            Check("Four of five scored responses passed (80%).", "Four of five scored responses failed (80%).", Advice, Small));
    }

    [Fact]
    public void The_failing_count_must_be_stated()
    {
        var problems = Check("31 of 40 scored responses passed (77.5%).", "Several of the 40 scored responses failed (22.5%).", Advice);
        Assert.Contains("\"failing_responses_summary\" does not state the number of failing responses (9, in digits or words)", problems);
    }

    [Theory]
    [InlineData("31 of 40 scored responses passed (<b>77.5%</b>).", "markup")]
    [InlineData("31 of 40 scored responses passed (77.5%). See [the policy](https://example.com/policy).", "markup")]
    [InlineData("31 of 40 scored responses passed (77.5%). Details at https://evil.example/x.", "URL")]
    [InlineData("31 of 40 scored responses passed (77.5%). Details at www.example.org today.", "URL")]
    [InlineData("## Passing\n31 of 40 scored responses passed (77.5%).", "markup")]
    public void Markup_and_urls_in_an_answer_are_rejected(string passing, string what)
    {
        Assert.Contains(Check(passing, "9 of 40 scored responses failed (22.5%).", Advice), p => p.StartsWith("\"passing_responses_summary\" contains", StringComparison.Ordinal) && p.Contains(what, StringComparison.Ordinal));
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
    public void Digits_inside_words_and_number_words_in_ordinary_prose_are_not_figures()
    {
        Assert.Empty(Check(
            "31 of 40 scored responses passed (77.5%) on the gpt-4o based assistant.",
            "9 of 40 scored responses failed (22.5%). Two patterns stand out, and three prompts drew most of them.",
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
