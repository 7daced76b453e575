using System.Globalization;
using System.Text;
using EvalReports.Contracts;
using EvalReports.Errors;

namespace EvalReports.Runs;

/// <summary>
/// A prompt's category names a section of every summary of its run and is shown to whoever reads the report, so it
/// is plain text: after NFC normalisation, only letters (any script, with their combining marks), digits, spaces
/// and <c>_ . : -</c>, not blank, no leading or trailing space. Anything else — markup (<c>&lt;</c>, <c>=</c>,
/// quotes), control characters, and the bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E/F, U+061C)
/// that make text display in another order than it is stored — is a 422 naming the field. Rejected, not stripped:
/// a silently changed name would no longer match the user's own data.
/// </summary>
public static class CategoryNames
{
    public const string AllowedPunctuation = " _.:-";

    /// <summary>The prompts with every category NFC-normalised; a 422 for the first name that is not allowed.</summary>
    public static IReadOnlyList<EvalPrompt> Normalize(IReadOnlyList<EvalPrompt> prompts)
    {
        EvalPrompt[]? changed = null;
        for (var i = 0; i < prompts.Count; i++)
        {
            if (prompts[i]?.Category is not { } category)
            {
                continue;
            }

            var normalized = Check(category, $"prompts[{i}].category");
            if (!string.Equals(normalized, category, StringComparison.Ordinal))
            {
                changed ??= [.. prompts];
                changed[i] = prompts[i] with { Category = normalized };
            }
        }

        return changed ?? prompts;
    }

    /// <summary>The name in NFC, or a 422 naming <paramref name="field"/>.</summary>
    public static string Check(string name, string field)
    {
        if (!name.IsNormalized(NormalizationForm.FormC))
        {
            name = name.Normalize(NormalizationForm.FormC);
        }

        if (name.Length == 0 || name[0] == ' ' || name[^1] == ' ')
        {
            throw Invalid(field, "may not be empty or start or end with a space");
        }

        foreach (var rune in name.EnumerateRunes())
        {
            if (IsBidiControl(rune.Value))
            {
                throw Invalid(field, $"may not contain the bidirectional control U+{rune.Value:X4} (it reorders how the text is shown)");
            }

            if (!IsAllowed(rune))
            {
                throw Invalid(field, "may contain only letters, digits, spaces and '_', '.', ':' or '-'");
            }
        }

        return name;
    }

    private static bool IsAllowed(Rune rune) =>
        AllowedPunctuation.Contains((char)rune.Value) && rune.IsBmp
        || Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
                or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
                or UnicodeCategory.DecimalDigitNumber => true,
            _ => false,
        };

    private static bool IsBidiControl(int c) => c is (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069) or 0x200E or 0x200F or 0x061C;

    private static ApiException Invalid(string field, string rule) =>
        ApiErrors.InvalidRequest($"{field} {rule} (it names a section of the summaries).", field);
}
