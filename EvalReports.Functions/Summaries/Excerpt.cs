using System.Text;

namespace EvalReports.Summaries;

/// <summary>
/// Excerpts for quoting. The text is first read as a reader sees it: Markdown markers dropped (heading marks and list
/// bullets at line starts, every <c>*</c> and <c>`</c>), line breaks turned into spaces, runs of spaces collapsed. Then,
/// when too long, it is cut at the last sentence end that keeps at least half of the room, else at the last clause
/// boundary (, ; : —) that keeps a third, else at a word boundary, and marked with "…". The characters kept are
/// otherwise never altered, so an excerpt is a substring of the text's plain form.
/// </summary>
public static class Excerpt
{
    public const char Ellipsis = '…';
    public const char OpenQuote = '“';
    public const char CloseQuote = '”';

    /// <summary>The excerpt between curly quotes, e.g. “The AI refused…”.</summary>
    public static string Quote(string text, int maxLength) => OpenQuote + Of(text, maxLength) + CloseQuote;

    public static string Of(string text, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (maxLength < 8) throw new ArgumentOutOfRangeException(nameof(maxLength));

        // Only as much of the text as can be kept is made plain (a response may be 150,000 characters).
        var plain = Plain(text, maxLength * 2 + 64, out var more);
        if (plain.Length <= maxLength && !more) return plain;
        if (plain.Length <= maxLength) return plain.TrimEnd() + Ellipsis;

        var span = plain.AsSpan(0, maxLength);
        var cut = -1;
        for (var i = span.Length - 1; i >= maxLength / 2; i--)
        {
            if (span[i] is '.' or '!' or '?' or '。' or '！' or '？' && (i + 1 >= plain.Length || plain[i + 1] == ' '))
            {
                cut = i + 1;
                break;
            }
        }
        if (cut < 0)
        {
            for (var i = span.Length - 1; i >= maxLength / 3; i--)
            {
                if (span[i] is ',' or ';' or ':' or '—' or '、' or '，' or '；' && (i + 1 >= plain.Length || plain[i + 1] == ' ' || span[i] > 127))
                {
                    cut = i; // the clause mark itself is dropped: "…, which" reads as "…"
                    break;
                }
            }
        }
        if (cut < 0)
        {
            cut = span.LastIndexOf(' ');
            if (cut < maxLength / 2)
            {
                // One long word (or a script without spaces): cut inside it, but never between a surrogate pair.
                cut = maxLength;
                if (char.IsLowSurrogate(plain[cut])) cut--;
            }
        }
        var kept = plain.AsSpan(0, cut).TrimEnd();
        var sentenceEnd = kept.Length > 0 && kept[^1] is '.' or '!' or '?' or '。' or '！' or '？';
        if (kept.IsEmpty) return Ellipsis.ToString();
        // A quote that ends a sentence is whole as far as a reader goes; anything else shows that it goes on.
        return sentenceEnd ? kept.ToString() : string.Concat(kept, Ellipsis.ToString());
    }

    /// <summary>The plain reading of (a prefix of) the text: see the class summary. <paramref name="more"/>: text was left unread.</summary>
    public static string Plain(string text, int limit, out bool more)
    {
        var result = new StringBuilder(Math.Min(text.Length, limit));
        var lineStart = true;
        var pendingSpace = false;
        var i = 0;
        while (i < text.Length && result.Length < limit)
        {
            var c = text[i];
            if (c is '\r' or '\n')
            {
                lineStart = true;
                pendingSpace = result.Length > 0;
                i++;
                continue;
            }
            if (lineStart)
            {
                while (i < text.Length && text[i] is ' ' or '\t') i++;
                // Heading marks and list bullets ("# ", "- ", "* ", "• ", "1. ") at the start of a line.
                var j = i;
                while (j < text.Length && text[j] == '#') j++;
                if (j == i && j < text.Length && text[j] is '-' or '*' or '•' or '+') j++;
                else if (j == i)
                {
                    while (j < text.Length && char.IsAsciiDigit(text[j])) j++;
                    if (j > i && j < text.Length && text[j] == '.') j++;
                    else j = i;
                }
                if (j > i && (j >= text.Length || text[j] is ' ' or '\t'))
                {
                    i = j;
                    while (i < text.Length && text[i] is ' ' or '\t') i++;
                    if (result.Length > 0) pendingSpace = true;
                }
                lineStart = false;
                continue;
            }
            if (c is '*' or '`')
            {
                i++;
                continue;
            }
            if (char.IsWhiteSpace(c))
            {
                if (result.Length > 0) pendingSpace = true;
                i++;
                continue;
            }
            if (pendingSpace)
            {
                result.Append(' ');
                pendingSpace = false;
            }
            result.Append(c);
            i++;
        }
        more = i < text.Length && !text.AsSpan(i).IsWhiteSpace();
        return result.ToString();
    }
}
