using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Unicode;

namespace EvalReports.Exports;

/// <summary>Everything that comes from imported data goes into the page through <see cref="Encode"/>: it can only ever be text.</summary>
public static partial class HtmlText
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Encode(string? text) => Encoder.Encode(text ?? "");

    /// <summary>
    /// A summary as HTML: a per-category text ("&lt;category&gt;…&lt;/category&gt;" sections) becomes one titled block per
    /// category, anything around the sections (a comparison paragraph) a paragraph of its own. All of it encoded.
    /// </summary>
    public static string Summary(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "<p class=\"empty\">No text.</p>";
        }

        var html = new System.Text.StringBuilder();
        var last = 0;
        foreach (Match section in Section().Matches(text))
        {
            Paragraphs(html, text[last..section.Index]);
            html.Append("<div class=\"category\"><h4>").Append(Encode(section.Groups[1].Value)).Append("</h4>");
            Paragraphs(html, section.Groups[2].Value);
            html.Append("</div>");
            last = section.Index + section.Length;
        }

        Paragraphs(html, text[last..]);
        return html.ToString();
    }

    private static void Paragraphs(System.Text.StringBuilder html, string text)
    {
        foreach (var paragraph in ParagraphBreak().Split(text.Trim()))
        {
            if (paragraph.Trim().Length > 0)
            {
                html.Append("<p>").Append(Encode(paragraph.Trim())).Append("</p>");
            }
        }
    }

    [GeneratedRegex(@"^<([^<>\r\n]+)>\r?\n([\s\S]*?)\r?\n</\1>$", RegexOptions.Multiline)]
    private static partial Regex Section();

    [GeneratedRegex(@"\r?\n\s*\r?\n")]
    private static partial Regex ParagraphBreak();
}
