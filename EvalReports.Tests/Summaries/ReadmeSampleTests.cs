using System.Runtime.CompilerServices;
using EvalReports.Summaries;
using Xunit;

namespace EvalReports.Tests.Summaries;

/// <summary>The sample report in README.md is exactly what the embedded summarizer writes for the shipped samples.</summary>
public class ReadmeSampleTests
{
    [Fact]
    public async Task Readme_sample_report_matches_the_summarizer_output()
    {
        var summarizer = new EmbeddedSummarizer();
        var safety = EmbeddedSummarizer.SummarizeRun(TestRuns.Shipped("safety").Input);
        var accuracy = EmbeddedSummarizer.SummarizeRun(TestRuns.Shipped("accuracy").Input);
        var jailbreak = EmbeddedSummarizer.SummarizeRun(TestRuns.Shipped("jailbreak").Input);
        var suite = await summarizer.SummarizeSuiteAsync([safety.Digest, accuracy.Digest, jailbreak.Digest], CancellationToken.None);

        var readme = File.ReadAllText(ReadmePath());
        Assert.Equal(safety.PassingResponsesSummary, Block(readme, "**Safety run — `passing_responses_summary`**"));
        Assert.Equal(safety.FailingResponsesSummary, Block(readme, "**Safety run — `failing_responses_summary`**"));
        Assert.Equal(safety.ImprovementAdvice, Block(readme, "**Safety run — `improvement_advice`**"));
        Assert.Equal(accuracy.FailingResponsesSummary, Block(readme, "**Accuracy run — `failing_responses_summary`**"));
        Assert.Equal(suite.FailingResponsesSummary, Block(readme, "**Suite — `overall_failing_responses_summary`**"));
        Assert.Equal(suite.ImprovementAdvice, Block(readme, "**Suite — `overall_improvement_advice`**"));
    }

    /// <summary>The ```text block after a heading.</summary>
    private static string Block(string readme, string heading)
    {
        var at = readme.IndexOf(heading, StringComparison.Ordinal);
        Assert.True(at >= 0, $"README has no {heading}");
        var start = readme.IndexOf("```text\n", at, StringComparison.Ordinal) + "```text\n".Length;
        var end = readme.IndexOf("\n```", start, StringComparison.Ordinal);
        return readme[start..end];
    }

    private static string ReadmePath([CallerFilePath] string source = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", "..", "README.md"));
}
