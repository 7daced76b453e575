using System.Globalization;
using System.Text;
using System.Xml;

namespace EvalReports.Exports;

/// <summary>
/// JUnit XML in the shape of the Ant / windyroad JUnit schema that CI systems read: &lt;testsuites&gt; with a
/// &lt;testsuite&gt; per run (package, id, name, timestamp, hostname, tests, failures, errors, time, properties,
/// system-out, system-err) and a &lt;testcase&gt; per scored response; a failing one carries the scorer's explanation.
/// Characters XML cannot hold (control characters in imported text) become U+FFFD.
/// </summary>
public static class JUnitExport
{
    private const int NameChars = 120;
    private const int MessageChars = 500;

    public static async Task WriteAsync(ExportSource source, Stream output, CancellationToken ct)
    {
        using var buffer = new ExportBuffer(output);
        using var xml = XmlWriter.Create(buffer.Stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, CheckCharacters = true });
        xml.WriteStartDocument();
        xml.WriteStartElement("testsuites");
        var id = 0;
        foreach (var run in source.Report.EvalRunReports)
        {
            var name = ExportSource.RunName(run);
            var (tests, failures) = run.Stats is { } s && await source.ResponsesKeptAsync(run, ct) ? (s.Scored, s.Failed) : await CountAsync(source, run, ct);
            xml.WriteStartElement("testsuite");
            xml.WriteAttributeString("package", "evalreports." + Clean(run.EvalRun.Evaluation?.EvalType ?? "eval"));
            xml.WriteAttributeString("id", (id++).ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("name", Token(name));
            xml.WriteAttributeString("timestamp", run.EvalRun.UpdatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
            xml.WriteAttributeString("hostname", "evalreports");
            xml.WriteAttributeString("tests", tests.ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("failures", failures.ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("errors", "0");
            xml.WriteAttributeString("time", "0");
            xml.WriteStartElement("properties");
            Property(xml, "eval_run_uuid", run.EvalRunUuid);
            Property(xml, "eval_uuid", run.EvalRun.EvalUuid);
            Property(xml, "eval_suite_report_uuid", source.Report.EvalSuiteReportUuid);
            if (run.Stats?.PassRate is { } rate)
            {
                Property(xml, "pass_rate", rate.ToString("0.####", CultureInfo.InvariantCulture));
            }

            if (run.Comparison is { } comparison)
            {
                Property(xml, "baseline_verdict", comparison.Verdict);
            }

            xml.WriteEndElement();
            var index = 0;
            await foreach (var row in source.ScoredRows(run, ct))
            {
                index++;
                xml.WriteStartElement("testcase");
                var prompt = string.IsNullOrWhiteSpace(row.PromptText) ? row.Response.PromptUuid ?? $"response {index}" : row.PromptText;
                xml.WriteAttributeString("name", Token($"{index:D4} {ExportSource.Truncate(Flat(prompt), NameChars)}"));
                xml.WriteAttributeString("classname", Token(row.Category is null ? name : $"{name}.{row.Category}"));
                xml.WriteAttributeString("time", "0");
                if (!row.Passed)
                {
                    xml.WriteStartElement("failure");
                    xml.WriteAttributeString("message", Text(ExportSource.Truncate(Flat(row.Response.Explanation ?? "Failed."), MessageChars)));
                    xml.WriteAttributeString("type", row.Refused ? "eval.failed.refused" : "eval.failed");
                    xml.WriteString(Text(
                        $"Prompt ({row.Response.PromptUuid}):\n{row.PromptText}\n\nResponse:\n{row.ResponseText}\n\nExplanation:\n{row.Response.Explanation}"));
                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
                await buffer.PumpAsync(xml.Flush, ct);
            }

            xml.WriteElementString("system-out", "");
            xml.WriteElementString("system-err", "");
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndDocument();
        await buffer.PumpAsync(xml.Flush, ct, force: true);
    }

    private static async Task<(int Tests, int Failures)> CountAsync(ExportSource source, Contracts.EvalRunReport run, CancellationToken ct)
    {
        int tests = 0, failures = 0;
        await foreach (var row in source.ScoredRows(run, ct))
        {
            tests++;
            failures += row.Passed ? 0 : 1;
        }

        return (tests, failures);
    }

    private static void Property(XmlWriter xml, string name, string? value)
    {
        xml.WriteStartElement("property");
        xml.WriteAttributeString("name", name);
        xml.WriteAttributeString("value", Text(value ?? ""));
        xml.WriteEndElement();
    }

    private static string Flat(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>A non-empty xs:token: whitespace collapsed, XML-safe.</summary>
    private static string Token(string text)
    {
        var flat = Flat(Text(text));
        return flat.Length == 0 ? "unnamed" : flat;
    }

    private static string Clean(string text)
    {
        var kept = new string(text.Where(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-').ToArray());
        return kept.Length == 0 ? "eval" : kept;
    }

    /// <summary>Replaces what XML 1.0 cannot carry (control characters, lone surrogates) with U+FFFD.</summary>
    public static string Text(string text)
    {
        StringBuilder? builder = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var ok = char.IsHighSurrogate(c) ? i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) : !char.IsLowSurrogate(c) && XmlConvert.IsXmlChar(c);
            if (!ok && !(char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(text[i - 1])))
            {
                builder ??= new StringBuilder(text, 0, i, text.Length);
                builder.Append('\uFFFD');
            }
            else
            {
                builder?.Append(c);
            }
        }

        return builder?.ToString() ?? text;
    }
}
