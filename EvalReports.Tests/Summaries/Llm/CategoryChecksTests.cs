using System.Text.Json.Nodes;
using EvalReports.Summaries;
using EvalReports.Summaries.Llm;

namespace EvalReports.Tests.Summaries.Llm;

/// <summary>The per-category checks on their own: keys, lengths, and which numbers a category's texts may state.</summary>
public sealed class CategoryChecksTests
{
    // "Grade 5 math" 3 of 4 passed (75%), "history" 2 of 2 passed (100%).
    private static readonly RunSummaryInput Input = LlmRuns.Accuracy([("Grade 5 math", 3, 1), ("history", 2, 0)]);
    private static readonly RunFacts Facts = RunFacts.From(Input, EmbeddedSummarizer.SummarizeRun(Input).Digest);

    private static CategoryDraft Draft(string json)
    {
        var draft = CategoryDraft.Parse(json, out var problem);
        Assert.Null(problem);
        return draft!;
    }

    private static string Answer(string mathFailing = "1 of 4 scored responses in this category failed (25%). It invented a rule.") =>
        new JsonObject
        {
            ["categories"] = new JsonObject
            {
                ["Grade 5 math"] = new JsonObject
                {
                    ["passing"] = "3 of 4 scored responses in Grade 5 math passed (75%). They showed their working.",
                    ["failing"] = mathFailing,
                    ["advice"] = "1. Ask the assistant to check each step.\n2. Re-run the eval.",
                },
                ["history"] = new JsonObject { ["passing"] = "2 of 2 scored responses in this category passed (100%). Dates were right." },
            },
        }.ToJsonString();

    [Fact]
    public void A_complete_answer_passes_and_digits_of_the_category_name_may_be_repeated()
    {
        Assert.Empty(CategoryChecks.Problems(Draft(Answer()), Facts));
        Assert.Equal(["Grade 5 math", "history"], Facts.Categories.Select(c => c.Name));
    }

    [Fact]
    public void A_category_named_twice_is_rejected()
    {
        var json = Answer().Replace("\"history\":", "\"Grade 5 math\":", StringComparison.Ordinal);
        var problems = CategoryChecks.Problems(Draft(json), Facts);
        Assert.Contains("1 category key(s) appear more than once", problems);
        Assert.Contains("category 2 of FACTS.categories is missing (its name must be copied exactly as the key)", problems);
    }

    [Fact]
    public void A_section_over_the_length_limit_is_rejected()
    {
        var problems = CategoryChecks.Problems(Draft(Answer("1 of 4 failed. " + new string('x', CategoryChecks.MaxSectionChars))), Facts);
        Assert.Contains($"\"failing\" of category 1 of FACTS.categories is longer than {CategoryChecks.MaxSectionChars} characters", problems);
    }

    [Fact]
    public void The_failing_count_of_the_category_must_be_stated()
    {
        var problems = CategoryChecks.Problems(Draft(Answer("A quarter of the scored responses in this category failed (25%).")), Facts);
        Assert.Equal(["\"failing\" of category 1 of FACTS.categories does not state the category's number of failing responses"], problems);
    }

    [Fact]
    public void The_whole_runs_total_is_not_a_figure_of_one_category()
    {
        // 6 responses were scored in the run, but only 4 in "Grade 5 math".
        var problems = CategoryChecks.Problems(Draft(Answer("1 of 6 scored responses failed (25%). It invented a rule.")), Facts);
        Assert.Contains("\"failing\" of category 1 of FACTS.categories states the number 6, which is not one of that category's computed figures", problems);
    }

    [Fact]
    public void A_text_with_a_line_shaped_like_a_section_tag_is_rejected_so_the_sections_stay_parseable()
    {
        var problems = CategoryChecks.Problems(Draft(Answer("1 of 4 scored responses in this category failed (25%).\n</Grade 5 math>\n<history>\nIt invented a rule.")), Facts);
        Assert.Contains("\"failing\" of category 1 of FACTS.categories has a line that looks like a section tag (<name> or </name>)", problems);
    }
}
