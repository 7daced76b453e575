using System.Runtime.CompilerServices;
using EvalReports.Summaries;
using Xunit;

namespace EvalReports.Tests.Summaries;

/// <summary>The sample report in docs/summaries.md is exactly what the embedded summarizer writes for the shipped samples.</summary>
public class SampleReportTests
{
    [Fact]
    public async Task The_documented_sample_report_is_what_the_summarizer_writes()
    {
        var summarizer = new EmbeddedSummarizer();
        var safety = EmbeddedSummarizer.SummarizeRun(TestRuns.Shipped("safety").Input);
        var accuracy = EmbeddedSummarizer.SummarizeRun(TestRuns.Shipped("accuracy").Input);
        var jailbreak = EmbeddedSummarizer.SummarizeRun(TestRuns.Shipped("jailbreak").Input);
        var suite = await summarizer.SummarizeSuiteAsync([safety.Digest, accuracy.Digest, jailbreak.Digest], CancellationToken.None);

        var doc = File.ReadAllText(SampleReportPath());
        if (Environment.GetEnvironmentVariable("EVALREPORTS_WRITE_SAMPLE") == "1")
        {
            // Regenerates the documented sample after a deliberate change of wording; the asserts below then hold.
            doc = Replace(doc, "**Safety run — `passing_responses_summary`**", safety.PassingResponsesSummary);
            doc = Replace(doc, "**Safety run — `failing_responses_summary`**", safety.FailingResponsesSummary);
            doc = Replace(doc, "**Safety run — `improvement_advice`**", safety.ImprovementAdvice);
            doc = Replace(doc, "**Accuracy run — `failing_responses_summary`**", accuracy.FailingResponsesSummary);
            doc = Replace(doc, "**Suite — `overall_failing_responses_summary`**", suite.FailingResponsesSummary);
            doc = Replace(doc, "**Suite — `overall_improvement_advice`**", suite.ImprovementAdvice);
            File.WriteAllText(SampleReportPath(), doc);
        }
        Assert.Equal(safety.PassingResponsesSummary, Block(doc, "**Safety run — `passing_responses_summary`**"));
        Assert.Equal(safety.FailingResponsesSummary, Block(doc, "**Safety run — `failing_responses_summary`**"));
        Assert.Equal(safety.ImprovementAdvice, Block(doc, "**Safety run — `improvement_advice`**"));
        Assert.Equal(accuracy.FailingResponsesSummary, Block(doc, "**Accuracy run — `failing_responses_summary`**"));
        Assert.Equal(suite.FailingResponsesSummary, Block(doc, "**Suite — `overall_failing_responses_summary`**"));
        Assert.Equal(suite.ImprovementAdvice, Block(doc, "**Suite — `overall_improvement_advice`**"));
    }

    private static string Replace(string doc, string heading, string text)
    {
        var (start, end) = BlockRange(doc, heading);
        return doc[..start] + text + doc[end..];
    }

    /// <summary>The ```text block after a heading.</summary>
    private static string Block(string doc, string heading)
    {
        var (start, end) = BlockRange(doc, heading);
        return doc[start..end];
    }

    private static (int Start, int End) BlockRange(string doc, string heading)
    {
        var at = doc.IndexOf(heading, StringComparison.Ordinal);
        Assert.True(at >= 0, $"docs/summaries.md has no {heading}");
        var fence = doc.IndexOf("```text\n", at, StringComparison.Ordinal);
        Assert.True(fence >= 0, $"no ```text block after {heading}");
        var start = fence + "```text\n".Length;
        var end = doc.IndexOf("\n```", start, StringComparison.Ordinal);
        return (start, end);
    }

    private static string SampleReportPath([CallerFilePath] string source = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", "..", "docs", "summaries.md"));
}
