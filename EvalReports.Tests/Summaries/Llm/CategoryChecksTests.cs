using System.Text.Json.Nodes;
using EvalReports.Summaries;
using EvalReports.Summaries.Llm;

namespace EvalReports.Tests.Summaries.Llm;

/// <summary>The per-category checks on their own: keys, the overall part, lengths, and which numbers each text may state.</summary>
public sealed class CategoryChecksTests
{
    // C1 "Grade 5 math" 3 of 4 passed (75%), C2 "history" 2 of 2 passed (100%); the run 5 of 6 passed (83.3%), 1 failed.
    private static readonly RunSummaryInput Input = LlmRuns.Accuracy([("Grade 5 math", 3, 1), ("history", 2, 0)]);
    private static readonly RunFacts Facts = RunFacts.From(Input, EmbeddedSummarizer.SummarizeRun(Input).Digest);

    private static CategoryDraft Draft(string json)
    {
        var draft = CategoryDraft.Parse(json, out var problem);
        Assert.Null(problem);
        return draft!;
    }

    private static IReadOnlyList<string> Check(string json, RunFacts? facts = null) =>
        [.. CategoryChecks.Problems(Draft(json), facts ?? Facts).Select(problem => problem.Reason)];

    private static string Answer(
        string mathFailing = "1 of 4 scored responses in this category failed (25%). It invented a rule.",
        string historyPassing = "2 of 2 scored responses in this category passed (100%). Dates were right.",
        string overallPassing = "5 of 6 scored responses passed (83.3%); history was perfect and Grade 5 math lost one answer.",
        string overallFailing = "1 of 6 scored responses failed (16.7%), in Grade 5 math.") =>
        new JsonObject
        {
            ["overall"] = new JsonObject { ["passing"] = overallPassing, ["failing"] = overallFailing },
            ["categories"] = new JsonObject
            {
                ["C1"] = new JsonObject
                {
                    ["passing"] = "3 of 4 scored responses in Grade 5 math passed (75%). They showed their working.",
                    ["failing"] = mathFailing,
                    ["advice"] = "1. Ask the assistant to check each step.\n2. Re-run the eval.",
                },
                ["C2"] = new JsonObject { ["passing"] = historyPassing },
            },
        }.ToJsonString();

    [Fact]
    public void A_complete_answer_passes_and_digits_of_the_category_name_may_be_repeated()
    {
        Assert.Empty(Check(Answer()));
        Assert.Equal(["Grade 5 math", "history"], Facts.Categories.Select(c => c.Name));
        Assert.Equal(["C1", "C2"], Facts.Categories.Select(c => c.Id));
    }

    [Theory]
    [InlineData("The only scored response in this category passed (100%). It named the right date.")]
    [InlineData("Its one scored response passed (100%), naming the right treaty.")]
    [InlineData("The single scored response here passed (100%): the date was right.")]
    [InlineData("1 of 1 scored response in this category passed (100%). The date was right.")]
    public void A_one_response_category_accepts_natural_forms(string passing)
    {
        var input = LlmRuns.Accuracy([("history", 1, 0), ("math", 2, 1)]);
        var facts = RunFacts.From(input, EmbeddedSummarizer.SummarizeRun(input).Digest);
        var json = new JsonObject
        {
            ["overall"] = new JsonObject
            {
                ["passing"] = "3 of 4 scored responses passed (75%) across both categories.",
                ["failing"] = "1 of 4 scored responses failed (25%), in math.",
            },
            ["categories"] = new JsonObject
            {
                ["C1"] = new JsonObject { ["passing"] = passing },
                ["C2"] = new JsonObject
                {
                    ["passing"] = "Two of three scored responses in this category passed (66.7%).",
                    ["failing"] = "One of three scored responses in this category failed (33.3%) by skipping a step.",
                    ["advice"] = "1. Ask the assistant to show each step. 2. Re-run the eval.",
                },
            },
        }.ToJsonString();
        Assert.Empty(Check(json, facts));
    }

    [Fact]
    public void A_category_named_twice_is_rejected()
    {
        var json = Answer().Replace("\"C2\":", "\"C1\":", StringComparison.Ordinal);
        var problems = Check(json);
        Assert.Contains("1 category key(s) appear more than once", problems);
        Assert.Contains("category C2 is missing (its id must be the key)", problems);
    }

    [Fact]
    public void A_section_over_the_length_limit_is_rejected()
    {
        var problems = Check(Answer("1 of 4 failed. " + new string('x', CategoryChecks.MaxSectionChars)));
        Assert.Contains($"\"failing\" of category C1 is longer than {CategoryChecks.MaxSectionChars} characters", problems);
    }

    [Fact]
    public void The_failing_count_of_the_category_must_be_stated()
    {
        var problems = Check(Answer("A quarter of the scored responses in this category failed (25%)."));
        Assert.Equal(["\"failing\" of category C1 does not state the category's number of failing responses (1)"], problems);
    }

    [Fact]
    public void The_whole_runs_total_is_not_a_figure_of_one_category()
    {
        // 6 responses were scored in the run, but only 4 in "Grade 5 math".
        var problems = Check(Answer("1 of 6 scored responses failed (25%). It invented a rule."));
        Assert.Contains("\"failing\" of category C1 states the number 6, which is not one of that category's computed figures", problems);
    }

    [Fact]
    public void The_overall_part_states_the_runs_numbers_and_is_checked_against_the_run()
    {
        Assert.Contains("\"overall.passing\" is missing or empty", Check(Answer(overallPassing: "")));
        Assert.Contains(
            "\"overall.failing\" says 2 of 6 failed, but in the run 1 of 6 failed",
            Check(Answer(overallFailing: "2 of 6 scored responses failed (33.3%), all in Grade 5 math.")));
        Assert.Contains(
            "\"overall.passing\": a sentence claims that every scored response of the run passed, but 1 of 6 failed",
            Check(Answer(overallPassing: "5 of 6 scored responses passed (83.3%). Every response passed.")));
    }

    [Fact]
    public void A_sweeping_claim_true_of_its_category_is_accepted()
    {
        Assert.Empty(Check(Answer(historyPassing: "All 2 scored responses in this category passed (100%); no responses failed here.")));
    }

    [Fact]
    public void A_text_with_a_line_shaped_like_a_section_tag_is_rejected_so_the_sections_stay_parseable()
    {
        var problems = Check(Answer("1 of 4 scored responses in this category failed (25%).\n</Grade 5 math>\n<history>\nIt invented a rule."));
        Assert.Contains("\"failing\" of category C1 has a line that looks like a section tag (<name> or </name>)", problems);
    }
}
