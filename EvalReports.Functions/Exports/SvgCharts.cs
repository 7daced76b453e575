using System.Globalization;
using System.Text;
using EvalReports.Contracts;
using EvalReports.Stats;

namespace EvalReports.Exports;

/// <summary>Inline SVG charts: no script, no external resource, readable in print (labels are text, not colour alone).</summary>
public static class SvgCharts
{
    private const int Width = 760;
    private const int LabelWidth = 230;
    private const int ValueWidth = 150;
    private const int RowHeight = 30;
    private const int Top = 24;

    public sealed record RateBar(string Label, double? Rate, IReadOnlyList<double>? Interval, int Scored);

    public sealed record DeltaBar(string Label, string Verdict, double? Difference, IReadOnlyList<double>? Interval);

    /// <summary>Horizontal pass-rate bars on a 0–100% axis, each with its 95% interval as a whisker.</summary>
    public static string PassRates(string id, string title, IReadOnlyList<RateBar> bars)
    {
        var plot = Width - LabelWidth - ValueWidth;
        var height = Top + bars.Count * RowHeight + 26;
        var svg = Open(id, title, height);
        foreach (var tick in new[] { 0, 25, 50, 75, 100 })
        {
            var x = LabelWidth + plot * tick / 100.0;
            svg.Append($"<line class=\"grid\" x1=\"{F(x)}\" y1=\"{Top - 6}\" x2=\"{F(x)}\" y2=\"{height - 22}\"/>");
            svg.Append($"<text class=\"tick\" x=\"{F(x)}\" y=\"{height - 8}\" text-anchor=\"middle\">{tick}%</text>");
        }

        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = Top + i * RowHeight;
            svg.Append($"<text class=\"label\" x=\"{LabelWidth - 8}\" y=\"{y + 15}\" text-anchor=\"end\">{HtmlText.Encode(ExportSource.Truncate(bar.Label, 34))}</text>");
            if (bar.Rate is not { } rate)
            {
                svg.Append($"<text class=\"value\" x=\"{LabelWidth + 4}\" y=\"{y + 15}\">no scored responses</text>");
                continue;
            }

            svg.Append($"<rect class=\"bar\" x=\"{LabelWidth}\" y=\"{y + 4}\" width=\"{F(plot * rate)}\" height=\"{RowHeight - 12}\" rx=\"2\">" +
                       $"<title>{HtmlText.Encode(bar.Label)}: {ComparisonWriter.Percent(rate)} of {bar.Scored}</title></rect>");
            if (bar.Interval is [var low, var high])
            {
                Whisker(svg, LabelWidth + plot * low, LabelWidth + plot * high, y + RowHeight / 2 - 2);
            }

            var ci = bar.Interval is [var l, var h] ? $" [{ComparisonWriter.Percent(l)}–{ComparisonWriter.Percent(h)}]" : "";
            svg.Append($"<text class=\"value\" x=\"{Width - ValueWidth + 8}\" y=\"{y + 15}\">{ComparisonWriter.Percent(rate)}{ci}</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>Change of pass rate against the baseline, in points around a zero line, with Newcombe's interval.</summary>
    public static string Deltas(string id, string title, IReadOnlyList<DeltaBar> bars)
    {
        var plot = Width - LabelWidth - ValueWidth;
        var span = Math.Max(0.1, bars.SelectMany(b => b.Interval ?? []).Select(Math.Abs).DefaultIfEmpty(0.1).Max());
        span = Math.Min(1, Math.Ceiling(span * 10) / 10);
        double X(double d) => LabelWidth + plot / 2.0 + plot / 2.0 * d / span;
        var height = Top + bars.Count * RowHeight + 26;
        var svg = Open(id, title, height);
        foreach (var tick in new[] { -span, -span / 2, 0, span / 2, span })
        {
            svg.Append($"<line class=\"{(tick == 0 ? "zero" : "grid")}\" x1=\"{F(X(tick))}\" y1=\"{Top - 6}\" x2=\"{F(X(tick))}\" y2=\"{height - 22}\"/>");
            svg.Append($"<text class=\"tick\" x=\"{F(X(tick))}\" y=\"{height - 8}\" text-anchor=\"middle\">{(tick == 0 ? "0" : ComparisonWriter.Points(tick))}</text>");
        }

        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = Top + i * RowHeight;
            svg.Append($"<text class=\"label\" x=\"{LabelWidth - 8}\" y=\"{y + 15}\" text-anchor=\"end\">{HtmlText.Encode(ExportSource.Truncate(bar.Label, 34))}</text>");
            if (bar.Difference is not { } d)
            {
                svg.Append($"<text class=\"value\" x=\"{F(X(0) + 6)}\" y=\"{y + 15}\">{HtmlText.Encode(bar.Verdict)}</text>");
                continue;
            }

            var (from, to) = d >= 0 ? (X(0), X(d)) : (X(d), X(0));
            svg.Append($"<rect class=\"delta {bar.Verdict}\" x=\"{F(from)}\" y=\"{y + 4}\" width=\"{F(Math.Max(1, to - from))}\" height=\"{RowHeight - 12}\" rx=\"2\">" +
                       $"<title>{HtmlText.Encode(bar.Label)}: {ComparisonWriter.Points(d)} points, {HtmlText.Encode(bar.Verdict)}</title></rect>");
            if (bar.Interval is [var low, var high])
            {
                Whisker(svg, X(low), X(high), y + RowHeight / 2 - 2);
            }

            svg.Append($"<text class=\"value\" x=\"{Width - ValueWidth + 8}\" y=\"{y + 15}\">{ComparisonWriter.Points(d)} pts · {HtmlText.Encode(bar.Verdict)}</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    private static StringBuilder Open(string id, string title, int height) =>
        new StringBuilder().Append($"<svg class=\"chart\" id=\"{id}\" role=\"img\" aria-label=\"{HtmlText.Encode(title)}\" viewBox=\"0 0 {Width} {height}\" " +
                                   $"width=\"100%\" preserveAspectRatio=\"xMinYMin meet\" xmlns=\"http://www.w3.org/2000/svg\"><title>{HtmlText.Encode(title)}</title>");

    private static void Whisker(StringBuilder svg, double x1, double x2, double y)
    {
        svg.Append($"<g class=\"ci\"><line x1=\"{F(x1)}\" y1=\"{F(y)}\" x2=\"{F(x2)}\" y2=\"{F(y)}\"/>" +
                   $"<line x1=\"{F(x1)}\" y1=\"{F(y - 6)}\" x2=\"{F(x1)}\" y2=\"{F(y + 6)}\"/><line x1=\"{F(x2)}\" y1=\"{F(y - 6)}\" x2=\"{F(x2)}\" y2=\"{F(y + 6)}\"/></g>");
    }

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    public static RateBar Bar(string label, ReportStats? stats) => new(label, stats?.PassRate, stats?.PassRateCi95, stats?.Scored ?? 0);

    public static RateBar Bar(CategoryStats category) => new(category.Category, category.PassRate, category.PassRateCi95, category.Scored);
}
