namespace EvalReports.Summaries;

/// <summary>
/// Verbatim excerpts for quoting: a prefix of the text (from its first non-blank character up to its first line break),
/// cut at a word boundary when too long and then marked with "…". The characters kept are never altered.
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

        var span = text.AsSpan().TrimStart();
        var truncated = false;

        var lineBreak = span.IndexOfAny('\r', '\n');
        if (lineBreak >= 0)
        {
            truncated = !span[lineBreak..].IsWhiteSpace();
            span = span[..lineBreak];
        }

        if (span.Length > maxLength)
        {
            truncated = true;
            var cut = LastWhiteSpaceAtOrBefore(span, maxLength);
            if (cut < maxLength / 2)
            {
                // One long word (or a script without spaces): cut inside it, but never between a surrogate pair.
                cut = maxLength;
                if (char.IsLowSurrogate(span[cut])) cut--;
            }
            span = span[..cut];
        }

        span = span.TrimEnd();
        if (span.IsEmpty) return truncated ? Ellipsis.ToString() : string.Empty;
        return truncated ? string.Concat(span, Ellipsis.ToString()) : span.ToString();
    }

    private static int LastWhiteSpaceAtOrBefore(ReadOnlySpan<char> span, int index)
    {
        for (var i = Math.Min(index, span.Length - 1); i > 0; i--)
        {
            if (char.IsWhiteSpace(span[i])) return i;
        }
        return 0;
    }
}
