using System.Text.RegularExpressions;

namespace EvalReports.Summaries.Llm;

/// <summary>The numbers a text states: "1,234", "71.8", "12%" (digits inside words such as "gpt-4o" are not numbers).</summary>
public static partial class NumberTokens
{
    public sealed record Token(string Value, bool IsPercent, bool IsListMarker, int Index);

    public static IEnumerable<Token> In(string text)
    {
        foreach (Match match in NumberPattern().Matches(text))
        {
            var value = match.Groups["n"].Value.Replace(",", string.Empty, StringComparison.Ordinal);
            if (value.Contains('.', StringComparison.Ordinal)) value = value.TrimEnd('0').TrimEnd('.');
            var listMarker = match.Groups["list"].Success;
            yield return new Token(value, match.Groups["pct"].Success, listMarker, match.Index);
        }
    }

    // A number not glued to letters, digits or a decimal point; optional thousands commas, decimals and a percent sign.
    // "list" marks a numbered-list marker at the start of a line ("2. ", "3) ").
    [GeneratedRegex(@"(?<![\p{L}\p{N}_.])(?<list>(?<=^[ \t]*)(?=\d{1,2}[.)][ \t]))?(?<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\p{L}\p{N}_])(?:\s?(?<pct>%))?", RegexOptions.Multiline)]
    private static partial Regex NumberPattern();
}
