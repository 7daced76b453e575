using System.Globalization;
using System.Text;
using EvalReports.Contracts;
using EvalReports.Stats;

namespace EvalReports.Exports;

/// <summary>The whole report as GitHub-flavoured Markdown: stats and comparison tables, the texts, failing examples.</summary>
public static class MarkdownExport
{
    private const int ExampleChars = 1500;

    public static async Task WriteAsync(ExportSource source, Stream output, CancellationToken ct)
    {
        var report = source.Report;
        using var buffer = new ExportBuffer(output);
        await using var md = new StreamWriter(buffer.Stream, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
        md.WriteLine($"# Eval suite report `{report.EvalSuiteReportUuid}`");
        md.WriteLine();
        md.WriteLine($"Status **{report.Status}** · created {report.CreatedAt:yyyy-MM-dd HH:mm} UTC · {report.EvalRunReports.Count} run(s)" +
                     (report.BaselineEvalSuiteReportUuid is { } b ? $" · baseline `{b}`" : ""));
        md.WriteLine();
        md.WriteLine("## Pass rates");
        md.WriteLine();
        md.WriteLine("| Run | Scored | Passed | Failed | Excluded | Refused | Pass rate | 95% CI |");
        md.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var run in report.EvalRunReports)
        {
            StatsRow(md, MarkdownText.Inline(ExportSource.RunName(run)), run.Stats);
        }

        if (report.Stats is { } suite && report.EvalRunReports.Count > 1)
        {
            StatsRow(md, "**Suite**", suite);
        }

        md.WriteLine();
        if (report.BaselineEvalSuiteReportUuid is not null)
        {
            WriteComparison(md, report);
        }

        if (report.OverallFailingResponsesSummary is not null || report.OverallPassingResponsesSummary is not null)
        {
            md.WriteLine("## Overall");
            md.WriteLine();
            Text(md, "Failing responses", report.OverallFailingResponsesSummary);
            Text(md, "Passing responses", report.OverallPassingResponsesSummary);
            Text(md, "Improvement advice", report.OverallImprovementAdvice);
        }

        foreach (var run in report.EvalRunReports)
        {
            md.WriteLine($"## {MarkdownText.Inline(ExportSource.RunName(run))}");
            md.WriteLine();
            md.WriteLine($"Eval run `{run.EvalRunUuid}`" + (run.EvalRun.Evaluation?.EvalType is { } type ? $" · {MarkdownText.Inline(type)} eval" : ""));
            md.WriteLine();
            if (run.Stats is { ByCategory.Count: > 0 } stats)
            {
                md.WriteLine("| Category | Scored | Passed | Failed | Excluded | Refused | Pass rate | 95% CI |");
                md.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
                foreach (var category in stats.ByCategory)
                {
                    StatsRow(md, MarkdownText.Inline(category.Category), new ReportStats
                    {
                        Scored = category.Scored, Passed = category.Passed, Failed = category.Failed, Excluded = category.Excluded,
                        Refused = category.Refused, PassRate = category.PassRate, PassRateCi95 = category.PassRateCi95,
                    });
                }

                md.WriteLine();
            }

            Text(md, "Failing responses", run.FailingResponsesSummary);
            Text(md, "Passing responses", run.PassingResponsesSummary);
            Text(md, "Improvement advice", run.ImprovementAdvice);
            await buffer.PumpAsync(md.Flush, ct);

            var examples = await source.FailingExamplesAsync(run, ct);
            if (examples.Count > 0)
            {
                md.WriteLine("### Failing examples");
                md.WriteLine();
                var n = 0;
                foreach (var example in examples)
                {
                    md.WriteLine($"#### {++n}. {MarkdownText.Inline(ExportSource.Truncate(example.PromptText ?? example.Response.PromptUuid, 100))}");
                    md.WriteLine();
                    if (example.Category is { } category)
                    {
                        md.WriteLine($"Category: {MarkdownText.Inline(category)}");
                        md.WriteLine();
                    }

                    Labeled(md, "Prompt", example.PromptText);
                    Labeled(md, "Response", example.ResponseText);
                    Labeled(md, "Explanation", example.Response.Explanation);
                    await buffer.PumpAsync(md.Flush, ct);
                }

                var failed = run.Stats?.Failed ?? examples.Count;
                if (failed > examples.Count)
                {
                    md.WriteLine($"{failed - examples.Count} more failing response(s) are in the CSV, JUnit and JSONL exports.");
                    md.WriteLine();
                }
            }
        }

        await buffer.PumpAsync(md.Flush, ct, force: true);
    }

    private static void WriteComparison(StreamWriter md, EvalSuiteReport report)
    {
        md.WriteLine("## Compared with the baseline");
        md.WriteLine();
        md.WriteLine("| Run | Verdict | Baseline | Current | Difference | 95% CI | p-value | Test | Regressed | Fixed |");
        md.WriteLine("| --- | --- | ---: | ---: | ---: | --- | ---: | --- | ---: | ---: |");
        foreach (var run in report.EvalRunReports)
        {
            var c = run.Comparison;
            if (c is null)
            {
                continue;
            }

            md.WriteLine($"| {MarkdownText.Inline(ExportSource.RunName(run))} | **{c.Verdict}** | {ComparisonWriter.Percent(c.BaselinePassRate)} | " +
                         $"{ComparisonWriter.Percent(c.CurrentPassRate)} | {Points(c.Difference)} | {PointsInterval(c.DifferenceCi95)} | " +
                         $"{(c.PValue is { } p ? p.ToString("0.####", CultureInfo.InvariantCulture) : "")} | {(c.Test is null ? "" : ComparisonWriter.TestName(c.Test))} | " +
                         $"{c.RegressedPromptCount} | {c.FixedPromptCount} |");
        }

        if (report.Comparison is { } suite)
        {
            md.WriteLine($"| **Suite (matched runs)** | **{suite.Verdict}** | {ComparisonWriter.Percent(suite.BaselinePassRate)} | " +
                         $"{ComparisonWriter.Percent(suite.CurrentPassRate)} | {Points(suite.Difference)} | {PointsInterval(suite.DifferenceCi95)} | " +
                         $"{(suite.PValue is { } p ? p.ToString("0.####", CultureInfo.InvariantCulture) : "")} | {(suite.Test is null ? "" : ComparisonWriter.TestName(suite.Test))} | " +
                         $"{suite.RegressedPromptCount} | {suite.FixedPromptCount} |");
        }

        md.WriteLine();
        md.WriteLine("Difference = current − baseline pass rate, in percentage points, with Newcombe's 95% interval. Verdicts at α = 0.05.");
        md.WriteLine();
    }

    private static void StatsRow(StreamWriter md, string label, ReportStats? s)
    {
        if (s is null)
        {
            md.WriteLine($"| {label} | | | | | | | |");
            return;
        }

        md.WriteLine($"| {label} | {s.Scored} | {s.Passed} | {s.Failed} | {s.Excluded} | {s.Refused} | {ComparisonWriter.Percent(s.PassRate)} | {Interval(s.PassRateCi95)} |");
    }

    private static void Text(StreamWriter md, string title, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        md.WriteLine($"### {title}");
        md.WriteLine();
        md.WriteLine(MarkdownText.Block(text));
        md.WriteLine();
    }

    private static void Labeled(StreamWriter md, string label, string? text)
    {
        md.WriteLine($"**{label}:**\\");
        md.WriteLine(MarkdownText.Block(ExportSource.Truncate(text, ExampleChars)));
        md.WriteLine();
    }

    private static string Interval(IReadOnlyList<double>? ci) =>
        ci is [var low, var high] ? $"{ComparisonWriter.Percent(low)} – {ComparisonWriter.Percent(high)}" : "";

    private static string Points(double? d) => d is { } v ? ComparisonWriter.Points(v) + " pts" : "";

    private static string PointsInterval(IReadOnlyList<double>? ci) =>
        ci is [var low, var high] ? $"{ComparisonWriter.Points(low)} to {ComparisonWriter.Points(high)}" : "";
}
