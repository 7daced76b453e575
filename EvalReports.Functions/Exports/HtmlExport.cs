using System.Globalization;
using System.Text;
using EvalReports.Contracts;
using EvalReports.Stats;

namespace EvalReports.Exports;

/// <summary>
/// One self-contained page: inline CSS and SVG, no script, no request for anything (served under a CSP that allows
/// none). Order: pass rate per run with its interval, per-category bars, the baseline delta, the overall texts, then
/// each run's texts and failing examples. Every piece of imported data is encoded as text.
/// </summary>
public static class HtmlExport
{
    /// <summary>The Content-Security-Policy the page is served with: no script, no network, only its own inline styles and data: images.</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

    private const int ExampleChars = 2000;

    private const string Css = """
        :root{--pass:#2f7d32;--fail:#b3261e;--ink:#1b1b1f;--muted:#5f6368;--line:#dadce0;--bg:#fff}
        *{box-sizing:border-box}
        body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
        main{max-width:980px;margin:0 auto;padding:24px}
        h1{font-size:26px;margin:0 0 4px}h2{font-size:21px;margin:32px 0 8px;border-bottom:2px solid var(--line);padding-bottom:4px}
        h3{font-size:17px;margin:20px 0 6px}h4{font-size:15px;margin:12px 0 4px}
        .meta{color:var(--muted);margin:0 0 8px}.meta code{font-size:13px}
        table{border-collapse:collapse;width:100%;margin:8px 0 16px;font-size:14px}table.comparison{font-size:13px}
        th,td{border-bottom:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}
        td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}td.ci{white-space:nowrap}
        .chart{display:block;max-width:760px;margin:8px 0 16px}
        .chart .bar{fill:var(--pass)}.chart .grid{stroke:var(--line)}.chart .zero{stroke:var(--ink)}
        .chart .ci line{stroke:var(--ink);stroke-width:1.5}.chart text{font-size:12px;fill:var(--ink)}
        .chart .tick{fill:var(--muted)}.chart .delta{fill:#9aa0a6}.chart .delta.improved{fill:var(--pass)}.chart .delta.regressed{fill:var(--fail)}
        .verdict{font-weight:600}.verdict.improved{color:var(--pass)}.verdict.regressed{color:var(--fail)}
        .texts p,.category p{margin:4px 0 8px;white-space:pre-wrap;overflow-wrap:anywhere}
        .category{border-left:3px solid var(--line);padding-left:10px;margin:8px 0}
        .example{border:1px solid var(--line);border-radius:6px;padding:8px 12px;margin:10px 0;break-inside:avoid}
        .example dt{font-weight:600;color:var(--muted);font-size:13px;margin-top:6px}
        .example dd{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
        .run{break-before:auto}
        .contents{font-size:13px;margin:4px 0 0}.contents a{color:#1a57b0}
        footer{color:var(--muted);font-size:13px;margin-top:40px;border-top:1px solid var(--line);padding-top:8px}
        @media print{.contents{display:none}body{font-size:11pt}main{max-width:none;padding:0}h2{break-after:avoid}.chart{break-inside:avoid}
          *{-webkit-print-color-adjust:exact;print-color-adjust:exact}.run{break-before:page}}
        """;

    public static async Task WriteAsync(ExportSource source, Stream output, CancellationToken ct)
    {
        var report = source.Report;
        using var buffer = new ExportBuffer(output);
        await using var html = new StreamWriter(buffer.Stream, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
        html.WriteLine("<!DOCTYPE html>");
        html.WriteLine("<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.WriteLine($"<meta http-equiv=\"Content-Security-Policy\" content=\"{ContentSecurityPolicy}\"><meta name=\"referrer\" content=\"no-referrer\">");
        html.WriteLine($"<title>Eval suite report {HtmlText.Encode(report.EvalSuiteReportUuid)}</title><style>{Css}</style></head><body><main>");
        html.WriteLine("<header><h1>Eval suite report</h1>");
        html.WriteLine($"<p class=\"meta\"><code>{HtmlText.Encode(report.EvalSuiteReportUuid)}</code> · {HtmlText.Encode(report.Status)} · created " +
                       $"{report.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC · {report.EvalRunReports.Count} run(s)" +
                       (report.BaselineEvalSuiteReportUuid is { } b ? $" · baseline <code>{HtmlText.Encode(b)}</code>" : "") + "</p></header>");

        Contents(html, report);
        Overview(html, report);
        Categories(html, report);
        if (report.BaselineEvalSuiteReportUuid is not null)
        {
            Baseline(html, report);
        }

        if (report.OverallFailingResponsesSummary is not null || report.OverallPassingResponsesSummary is not null)
        {
            html.WriteLine("<section id=\"overall\"><h2>Overall</h2><div class=\"texts\">");
            Texts(html, report.OverallFailingResponsesSummary, report.OverallPassingResponsesSummary, report.OverallImprovementAdvice);
            html.WriteLine("</div></section>");
        }

        var index = 0;
        foreach (var run in report.EvalRunReports)
        {
            html.WriteLine($"<section class=\"run\" id=\"run-{index++}\"><h2>{HtmlText.Encode(ExportSource.RunName(run))}</h2>");
            html.WriteLine($"<p class=\"meta\">{HtmlText.Encode(run.EvalRun.Evaluation?.EvalType ?? "eval")} · <code>{HtmlText.Encode(run.EvalRunUuid)}</code>" +
                           (run.Stats is { } s ? $" · {s.Passed} of {s.Scored} passed ({ComparisonWriter.Percent(s.PassRate)})" : "") + "</p>");
            html.WriteLine("<div class=\"texts\">");
            Texts(html, run.FailingResponsesSummary, run.PassingResponsesSummary, run.ImprovementAdvice);
            html.WriteLine("</div>");
            await buffer.PumpAsync(html.Flush, ct);

            var examples = await source.FailingExamplesAsync(run, ct);
            html.WriteLine($"<h3>Failing examples</h3>");
            if (examples.Count == 0)
            {
                html.WriteLine("<p class=\"empty\">No failing responses.</p>");
            }

            foreach (var example in examples)
            {
                html.Write("<article class=\"example\"><dl>");
                if (example.Category is { } category)
                {
                    html.Write($"<dt>Category</dt><dd>{HtmlText.Encode(category)}</dd>");
                }

                html.Write($"<dt>Prompt</dt><dd class=\"prompt\">{HtmlText.Encode(ExportSource.Truncate(example.PromptText ?? example.Response.PromptUuid, ExampleChars))}</dd>");
                html.Write($"<dt>Response</dt><dd class=\"response\">{HtmlText.Encode(ExportSource.Truncate(example.ResponseText, ExampleChars))}</dd>");
                html.Write($"<dt>Why it failed</dt><dd class=\"explanation\">{HtmlText.Encode(ExportSource.Truncate(example.Response.Explanation, ExampleChars))}</dd>");
                html.WriteLine("</dl></article>");
                await buffer.PumpAsync(html.Flush, ct);
            }

            var failed = run.Stats?.Failed ?? examples.Count;
            if (failed > examples.Count)
            {
                html.WriteLine($"<p class=\"meta\">{failed - examples.Count} more failing response(s) are in the CSV, JUnit and JSONL exports.</p>");
            }

            html.WriteLine("</section>");
        }

        html.WriteLine($"<footer>EvalReports · exported {DateTimeOffset.UtcNow.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC · " +
                       "intervals are 95% Wilson (pass rates) and Newcombe (differences)</footer>");
        html.WriteLine("</main></body></html>");
        await buffer.PumpAsync(html.Flush, ct, force: true);
    }

    /// <summary>In-page links only (fragments need nothing from the network, so the CSP allows them).</summary>
    private static void Contents(StreamWriter html, EvalSuiteReport report)
    {
        html.Write("<nav class=\"contents\"><a href=\"#overview\">Pass rates</a>");
        if (report.EvalRunReports.Any(r => r.Stats is { ByCategory.Count: > 0 }))
        {
            html.Write(" · <a href=\"#categories\">Categories</a>");
        }

        if (report.BaselineEvalSuiteReportUuid is not null)
        {
            html.Write(" · <a href=\"#baseline\">Baseline</a>");
        }

        for (var i = 0; i < report.EvalRunReports.Count; i++)
        {
            html.Write($" · <a href=\"#run-{i}\">{HtmlText.Encode(ExportSource.Truncate(ExportSource.RunName(report.EvalRunReports[i]), 40))}</a>");
        }

        html.WriteLine("</nav>");
    }

    private static void Overview(StreamWriter html, EvalSuiteReport report)
    {
        var bars = report.EvalRunReports.Select(r => SvgCharts.Bar(ExportSource.RunName(r), r.Stats)).ToList();
        if (report.EvalRunReports.Count > 1 && report.Stats is { } suite)
        {
            bars.Add(SvgCharts.Bar("Suite", suite));
        }

        html.WriteLine("<section id=\"overview\"><h2>Pass rate per run</h2>");
        html.WriteLine(SvgCharts.PassRates("chart-pass-rates", "Pass rate per run, with 95% intervals", bars));
        html.WriteLine("<table class=\"stats\"><thead><tr><th>Run</th><th class=\"n\">Scored</th><th class=\"n\">Passed</th><th class=\"n\">Failed</th>" +
                       "<th class=\"n\">Excluded</th><th class=\"n\">Refused</th><th class=\"n\">Pass rate</th><th>95% CI</th></tr></thead><tbody>");
        foreach (var run in report.EvalRunReports)
        {
            StatsRow(html, ExportSource.RunName(run), run.Stats);
        }

        if (report.EvalRunReports.Count > 1)
        {
            StatsRow(html, "Suite", report.Stats);
        }

        html.WriteLine("</tbody></table></section>");
    }

    private static void Categories(StreamWriter html, EvalSuiteReport report)
    {
        var categorized = report.EvalRunReports.Select((run, i) => (run, i)).Where(x => x.run.Stats is { ByCategory.Count: > 0 }).ToList();
        if (categorized.Count == 0)
        {
            return;
        }

        html.WriteLine("<section id=\"categories\"><h2>Pass rate per category</h2>");
        foreach (var (run, i) in categorized)
        {
            html.WriteLine($"<h3>{HtmlText.Encode(ExportSource.RunName(run))}</h3>");
            html.WriteLine(SvgCharts.PassRates($"chart-categories-{i}", $"Pass rate per category of {ExportSource.RunName(run)}",
                run.Stats!.ByCategory.Select(SvgCharts.Bar).ToList()));
        }

        html.WriteLine("</section>");
    }

    private static void Baseline(StreamWriter html, EvalSuiteReport report)
    {
        html.WriteLine("<section id=\"baseline\"><h2>Compared with the baseline</h2>");
        var bars = report.EvalRunReports
            .Select(r => new SvgCharts.DeltaBar(ExportSource.RunName(r), r.Comparison?.Verdict ?? ComparisonVerdict.New, r.Comparison?.Difference, r.Comparison?.DifferenceCi95))
            .ToList();
        if (report.Comparison is { } suite)
        {
            bars.Add(new SvgCharts.DeltaBar("Suite (matched runs)", suite.Verdict, suite.Difference, suite.DifferenceCi95));
        }

        html.WriteLine(SvgCharts.Deltas("chart-baseline", "Change of pass rate against the baseline, in points, with 95% intervals", bars));
        html.WriteLine("<table class=\"comparison\"><thead><tr><th>Run</th><th>Verdict</th><th class=\"n\">Baseline</th><th class=\"n\">Current</th>" +
                       "<th class=\"n\">Difference</th><th>95% CI</th><th class=\"n\">p</th><th>Test</th><th class=\"n\">Regressed</th><th class=\"n\">Fixed</th></tr></thead><tbody>");
        var rows = report.EvalRunReports.Where(r => r.Comparison is not null).Select(r => (Name: ExportSource.RunName(r), C: r.Comparison!)).ToList();
        if (report.Comparison is { } suiteComparison)
        {
            rows.Add(("Suite (matched runs)", new RunComparison
            {
                Verdict = suiteComparison.Verdict, BaselinePassRate = suiteComparison.BaselinePassRate, CurrentPassRate = suiteComparison.CurrentPassRate,
                Difference = suiteComparison.Difference, DifferenceCi95 = suiteComparison.DifferenceCi95, PValue = suiteComparison.PValue,
                Test = suiteComparison.Test, RegressedPromptCount = suiteComparison.RegressedPromptCount, FixedPromptCount = suiteComparison.FixedPromptCount,
            }));
        }

        foreach (var (name, c) in rows)
        {
            html.WriteLine($"<tr><td>{HtmlText.Encode(name)}</td><td class=\"verdict {c.Verdict}\">{c.Verdict}</td>" +
                           $"<td class=\"n\">{ComparisonWriter.Percent(c.BaselinePassRate)}</td><td class=\"n\">{ComparisonWriter.Percent(c.CurrentPassRate)}</td>" +
                           $"<td class=\"n\">{(c.Difference is { } d ? ComparisonWriter.Points(d) + " pts" : "")}</td>" +
                           $"<td class=\"ci\">{(c.DifferenceCi95 is [var l, var h] ? $"{ComparisonWriter.Points(l)} to {ComparisonWriter.Points(h)}" : "")}</td>" +
                           $"<td class=\"n\">{(c.PValue is { } p ? p.ToString("0.####", CultureInfo.InvariantCulture) : "")}</td>" +
                           $"<td>{(c.Test is null ? "" : c.Test == ComparisonTest.FisherExact ? "Fisher exact" : "z-test")}</td><td class=\"n\">{c.RegressedPromptCount}</td><td class=\"n\">{c.FixedPromptCount}</td></tr>");
        }

        html.WriteLine("</tbody></table></section>");
    }

    private static void Texts(StreamWriter html, string? failing, string? passing, string? advice)
    {
        html.WriteLine($"<h3>Failing responses</h3>{HtmlText.Summary(failing)}");
        html.WriteLine($"<h3>Passing responses</h3>{HtmlText.Summary(passing)}");
        html.WriteLine($"<h3>Improvement advice</h3>{HtmlText.Summary(advice)}");
    }

    private static void StatsRow(StreamWriter html, string label, ReportStats? s)
    {
        html.WriteLine(s is null
            ? $"<tr><td>{HtmlText.Encode(label)}</td><td colspan=\"7\">not computed</td></tr>"
            : $"<tr><td>{HtmlText.Encode(label)}</td><td class=\"n\">{s.Scored}</td><td class=\"n\">{s.Passed}</td><td class=\"n\">{s.Failed}</td>" +
              $"<td class=\"n\">{s.Excluded}</td><td class=\"n\">{s.Refused}</td><td class=\"n\">{ComparisonWriter.Percent(s.PassRate)}</td>" +
              $"<td class=\"ci\">{(s.PassRateCi95 is [var l, var h] ? $"{ComparisonWriter.Percent(l)} – {ComparisonWriter.Percent(h)}" : "")}</td></tr>");
    }
}
