using System.Globalization;
using System.Text.RegularExpressions;
using EvalReports.Summaries;

namespace EvalReports.Tests.Summaries;

/// <summary>Reads summaries back: quoted excerpts, category sections, theme lines and the numbers in them.</summary>
public static partial class SummaryText
{
    /// <summary>The texts between curly quotes, without a trailing ellipsis.</summary>
    public static IReadOnlyList<string> Quotes(string text) =>
        QuoteRegex().Matches(text).Select(m => m.Groups[1].Value.TrimEnd(Excerpt.Ellipsis)).ToArray();

    /// <summary>The "&lt;name&gt;\n…\n&lt;/name&gt;" sections, in order; throws if the text is not made only of sections.</summary>
    public static IReadOnlyList<(string Name, string Body)> Sections(string text)
    {
        var sections = SectionRegex().Matches(text).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToArray();
        var rebuilt = string.Join("\n\n", sections.Select(s => $"<{s.Item1}>\n{s.Item2}\n</{s.Item1}>"));
        if (rebuilt != text) throw new InvalidOperationException("Text is not made only of category sections:\n" + text);
        return sections;
    }

    /// <summary>Theme lines: number, label, count and total.</summary>
    public static IReadOnlyList<(string Label, int Count, int Total, string Percent)> Themes(string text) =>
        ThemeRegex().Matches(text).Select(m => (m.Groups[1].Value, Int(m.Groups[2].Value), Int(m.Groups[3].Value), m.Groups[4].Value)).ToArray();

    /// <summary>
    /// Every percentage with the "a of b" (or "Out of b …, a passed") pair written before it on the same line; the check
    /// that each is exactly Percent.Format(a, b) is what makes every percentage in a summary recomputable. Quoted text is skipped.
    /// </summary>
    public static IReadOnlyList<(int Part, int Whole, string Percent, string Line)> Percentages(string text, IReadOnlyList<string>? copiedFrom = null)
    {
        var found = new List<(int, int, string, string)>();
        foreach (var line in QuoteRegex().Replace(text, "“”").Split('\n'))
        {
            foreach (Match pct in PercentRegex().Matches(line))
            {
                // A percentage the text copies from the run (a scorer's "a 20% discount") is not one the summary computed.
                var from = Math.Max(0, pct.Index - 12);
                var around = line[from..(pct.Index + pct.Length)];
                if (copiedFrom is not null && around.Length > pct.Length + 4 && copiedFrom.Any(source => source.Contains(around, StringComparison.Ordinal))) continue;
                var before = line[..pct.Index];
                var outOf = OutOfRegex().Match(before);
                var of = OfRegex().Matches(before).LastOrDefault();
                if (outOf.Success && (of is null || of.Index < outOf.Index))
                {
                    found.Add((Int(outOf.Groups[2].Value), Int(outOf.Groups[1].Value), pct.Groups[1].Value, line));
                }
                else if (of is not null)
                {
                    found.Add((Int(of.Groups[1].Value), Int(of.Groups[2].Value), pct.Groups[1].Value, line));
                }
                else
                {
                    throw new InvalidOperationException("A percentage without its fraction: " + line);
                }
            }
        }
        return found;
    }

    public static int Int(string text) => int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex("“([^”]*)”")]
    private static partial Regex QuoteRegex();

    [GeneratedRegex(@"<([^<>\n]+)>\n(.*?)\n</\1>", RegexOptions.Singleline)]
    private static partial Regex SectionRegex();

    [GeneratedRegex(@"^\d+\. (.+): (\d+) of (\d+) \w+ responses? \(([\d.]+)%\)\.$", RegexOptions.Multiline)]
    private static partial Regex ThemeRegex();

    [GeneratedRegex(@"(\d+(?:\.\d)?)%")]
    private static partial Regex PercentRegex();

    [GeneratedRegex(@"Out of (\d+) [^,]*, (\d+) passed")]
    private static partial Regex OutOfRegex();

    [GeneratedRegex(@"(\d+) of (?:the )?(\d+)\b")]
    private static partial Regex OfRegex();
}
