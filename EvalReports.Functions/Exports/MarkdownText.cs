using System.Text;
using System.Text.RegularExpressions;

namespace EvalReports.Exports;

/// <summary>
/// Untrusted text made inert for CommonMark / GitHub: characters that open emphasis, code, links, HTML, tables or
/// entities are backslash-escaped everywhere, and those that start a block (heading, list, quote, rule) at a line's
/// start. Nothing in a response can become a tag, a link or a table row.
/// </summary>
public static partial class MarkdownText
{
    private const string EscapedAnywhere = "\\`*_[]<>|~&";

    /// <summary>One line, for a table cell or a heading: line breaks become spaces.</summary>
    public static string Inline(string? text) =>
        EscapeLine(string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));

    /// <summary>A block of lines: each escaped, kept apart with hard line breaks, blank lines kept as paragraph breaks.</summary>
    public static string Block(string? text)
    {
        var lines = (text ?? "").Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        var builder = new StringBuilder();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = EscapeLine(lines[i].Trim());
            var nextBlank = i + 1 >= lines.Length || lines[i + 1].Trim().Length == 0;
            builder.Append(line);
            if (i + 1 < lines.Length)
            {
                builder.Append(line.Length > 0 && !nextBlank ? "\\\n" : "\n");
            }
        }

        return builder.ToString();
    }

    private static string EscapeLine(string line)
    {
        var builder = new StringBuilder(line.Length + 8);
        foreach (var c in line)
        {
            if (EscapedAnywhere.Contains(c))
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        var escaped = builder.ToString();
        if (escaped.Length > 0 && escaped[0] is '#' or '-' or '+' or '=' or '>' or ':')
        {
            escaped = "\\" + escaped;
        }

        return OrderedListStart().Replace(escaped, "$1\\$2");
    }

    [GeneratedRegex(@"^(\d+)([.)])")]
    private static partial Regex OrderedListStart();
}
