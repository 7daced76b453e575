using System.Text.RegularExpressions;
using EvalReports.Summaries;
using EvalReports.Tests.Summaries.Corpus;
using Xunit;

namespace EvalReports.Tests.Summaries;

/// <summary>
/// The SDK's <c>to_reports_df</c> splits accuracy texts with Python's <c>re.findall(r"&lt;(\w+)&gt;(.*?)&lt;/\1&gt;", text, re.DOTALL)</c>.
/// Ported: Python 3's <c>\w</c> on str is Unicode letters, numbers and "_" (<c>str.isalnum()</c> or "_"), so here it is
/// <c>[\p{L}\p{N}_]</c> (not .NET's own <c>\w</c>, which also takes combining marks and connector punctuation); DOTALL is Singleline.
/// </summary>
public partial class SdkSectionRegexTests
{
    [GeneratedRegex(@"<([\p{L}\p{N}_]+)>(.*?)</\1>", RegexOptions.Singleline)]
    private static partial Regex SdkSections();

    public static IEnumerable<object[]> AccuracyRuns()
    {
        yield return ["accuracy-many", ReaderCorpus.AccuracyManyCategories().Input];
        yield return ["test-accuracy", TestRuns.Accuracy().Input];
        yield return ["sample-accuracy", TestRuns.Shipped("accuracy").Input];
        yield return ["odd-names", OddNames().Input];
    }

    /// <summary>Names the SDK's regex cannot read as they are: punctuation, spaces, a decomposed accent, a name that tags like another, one with nothing to keep.</summary>
    public static CorpusRun OddNames()
    {
        var b = new CorpusRunBuilder("odd-names", "Odd category names", "accuracy");
        string[] names = ["out-of-scope", "two words", "cafe\u0301 prices", "a.b", "a b", "a_b", "§§", "Ünïcode:Ärger", "easy"];
        foreach (var name in names)
        {
            b.Pass($"Question about {name}", "Answer.", "Matches the reference.", category: name);
            b.Fail($"Other question about {name}", "Wrong answer.", "Contradicts the reference on the key fact.", category: name);
        }
        return b.Build();
    }

    [Theory]
    [MemberData(nameof(AccuracyRuns))]
    public void The_sdk_regex_finds_every_category_section_of_every_accuracy_text(string key, RunSummaryInput input)
    {
        var summary = EmbeddedSummarizer.SummarizeRun(input);
        // The eval's order: named categories as they first appear, then "uncategorized" for prompts without one.
        var categories = input.Prompts.Where(p => !string.IsNullOrWhiteSpace(p.Category)).Select(p => p.Category!).Distinct()
            .Concat(input.Prompts.Any(p => string.IsNullOrWhiteSpace(p.Category)) ? ["uncategorized"] : []).ToArray();
        foreach (var field in new[] { summary.PassingResponsesSummary, summary.FailingResponsesSummary, summary.ImprovementAdvice })
        {
            var found = SdkSections().Matches(field).Select(m => (Tag: m.Groups[1].Value, Body: m.Groups[2].Value)).ToArray();
            Assert.Equal(categories.Length, found.Length);
            Assert.Equal(found.Length, found.Select(f => f.Tag).Distinct().Count());
            for (var i = 0; i < categories.Length; i++)
            {
                // Same order as the eval; the original name is stated in the first line when the tag differs.
                if (found[i].Tag != categories[i]) Assert.StartsWith($"\nCategory: {categories[i]}\n", found[i].Body, StringComparison.Ordinal);
            }
            Assert.Equal(field.Length, found.Sum(f => f.Tag.Length * 2 + 5 + f.Body.Length) + (found.Length - 1) * 2);
        }
        Assert.NotEmpty(key);
    }

    [Fact]
    public void Tags_are_word_characters_derived_from_the_name_and_unique_within_a_run()
    {
        Assert.Equal("out_of_scope", CategorySections.Tag("out-of-scope"));
        Assert.Equal("two_words", CategorySections.Tag("two words"));
        Assert.Equal("café_prices", CategorySections.Tag("cafe\u0301 prices"));
        Assert.Equal("category", CategorySections.Tag("§§"));
        Assert.Equal(["a_b", "a_b_2", "a_b_3"], CategorySections.Tags(["a.b", "a b", "a_b"]));
        Assert.Equal(CategorySections.Tags(["x-y", "x y"]), CategorySections.Tags(["x-y", "x y"]));
    }

    [Fact]
    public void Runs_that_are_not_accuracy_runs_mention_categories_in_prose_not_sections()
    {
        var b = new CorpusRunBuilder("safety-categories", "Safety with categories", "safety");
        for (var i = 0; i < 8; i++) b.Fail($"Weapons question {i}", "Here is how...", $"Gave weapon-building steps for case {i}.", category: "weapons");
        for (var i = 0; i < 3; i++) b.Fail($"Drug question {i}", "Take this much...", $"Gave a drug dose for case {i}.", category: "drugs");
        for (var i = 0; i < 5; i++) b.Pass($"Benign question {i}", "Sure.", "Benign and answered.", category: "benign");
        var summary = EmbeddedSummarizer.SummarizeRun(b.Build().Input);
        foreach (var field in new[] { summary.PassingResponsesSummary, summary.FailingResponsesSummary, summary.ImprovementAdvice }) Assert.Empty(SdkSections().Matches(field));
        Assert.Contains("By prompt category: weapons 8 of 8 failed; drugs 3 of 3 failed.", summary.FailingResponsesSummary, StringComparison.Ordinal);
    }
}
