using System.Text.RegularExpressions;

namespace EvalReports.Summaries.Llm;

/// <summary>
/// The numbers a text states: digits ("1,234", "71.8", "12%"; digits inside words such as "gpt-4o" are not numbers)
/// and English number words from zero to ninety-nine ("four", "twenty-one"). Numbered-list markers ("1." "2)" "(3)"
/// at the start of a line or inline) are marked as such when they count up from 1 in the text: a list, not figures.
/// </summary>
public static partial class NumberTokens
{
    /// <param name="Length">Characters of the text the token covers.</param>
    public sealed record Token(string Value, bool IsPercent, bool IsListMarker, int Index, bool IsWord = false, int Length = 0)
    {
        public int End => Index + Length;
    }

    public static IReadOnlyList<Token> In(string text)
    {
        var tokens = new List<Token>();
        foreach (Match match in NumberPattern().Matches(text))
        {
            var value = match.Groups["n"].Value.Replace(",", string.Empty, StringComparison.Ordinal);
            if (value.Contains('.', StringComparison.Ordinal)) value = value.TrimEnd('0').TrimEnd('.');
            tokens.Add(new Token(value, match.Groups["pct"].Success, false, match.Index, false, match.Length));
        }

        foreach (Match match in WordPattern().Matches(text))
        {
            var value = WordValue(match.Value);
            if (value is null) continue;
            var pct = PercentAfterWord().Match(text, match.Index + match.Length);
            var isPercent = pct.Success && pct.Index == match.Index + match.Length;
            tokens.Add(new Token(value.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), isPercent, false, match.Index, true, match.Length + (isPercent ? pct.Length : 0)));
        }

        tokens.Sort((a, b) => a.Index.CompareTo(b.Index));
        return MarkLists(text, tokens);
    }

    /// <summary>Candidates "k." "k)" "(k)" followed by a space, taken as markers when they run 1, 2, 3… in order.</summary>
    private static List<Token> MarkLists(string text, List<Token> tokens)
    {
        var expected = 1;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.IsWord || token.IsPercent || !IsMarkerShape(text, token) || token.Value != expected.ToString(System.Globalization.CultureInfo.InvariantCulture)) continue;
            tokens[i] = token with { IsListMarker = true };
            expected++;
        }

        return tokens;
    }

    private static bool IsMarkerShape(string text, Token token)
    {
        var start = token.Index;
        var end = token.End;
        var before = start == 0 ? '\n' : text[start - 1];
        var opened = before == '(';
        if (opened) before = start - 1 == 0 ? '\n' : text[start - 2];
        if (!(char.IsWhiteSpace(before) || before is ':' or ';' or '-' or '—' || start - (opened ? 1 : 0) == 0)) return false;
        if (end >= text.Length) return false;
        var mark = text[end];
        if (opened ? mark != ')' : mark is not ('.' or ')')) return false;
        return end + 1 < text.Length && char.IsWhiteSpace(text[end + 1]);
    }

    internal static int? WordValue(string word)
    {
        var parts = word.ToLowerInvariant().Split(['-', ' '], StringSplitOptions.RemoveEmptyEntries);
        var total = 0;
        foreach (var part in parts)
        {
            var units = Array.IndexOf(Units, part);
            var tens = Array.IndexOf(Tens, part);
            if (units >= 0) total += units;
            else if (tens >= 2) total += tens * 10;
            else return null;
        }

        return total;
    }

    private static readonly string[] Units =
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ];

    private static readonly string[] Tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

    // A number not glued to letters, digits or a decimal point; optional thousands commas, decimals and a percent sign.
    // Joined to a word by a hyphen it names a thing ("the 24-hour rule", like "gpt-4o"), not a figure.
    [GeneratedRegex(@"(?<![\p{L}\p{N}_.])(?<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\p{L}\p{N}_])(?!-\p{L})(?:\s?(?<pct>%))?")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"\b(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine)\b)?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)\b", RegexOptions.IgnoreCase)]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"\G\s?(%|percent\b)", RegexOptions.IgnoreCase)]
    private static partial Regex PercentAfterWord();
}
