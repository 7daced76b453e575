using System.Globalization;
using System.Text;

namespace EvalReports.Summaries;

/// <summary>
/// The upstream per-category format: "&lt;tag&gt;\n…\n&lt;/tag&gt;", sections separated by a blank line. The tag is
/// made of letters, digits and "_" only, so the SDK's <c>&lt;(\w+)&gt;(.*?)&lt;/\1&gt;</c> (Python and .NET agree on
/// those characters) reads every section: the name in NFC, each run of other characters turned into one "_", trimmed;
/// "category" when nothing is left. Tags are unique within a run (a repeat gets "_2", "_3", …); when a tag differs from
/// its category's name, the section's first line states the name.
/// </summary>
public static class CategorySections
{
    /// <summary>The tag of one name, alone (see <see cref="Tags"/> for a run's unique tags).</summary>
    public static string Tag(string category)
    {
        ArgumentNullException.ThrowIfNull(category);
        var text = new StringBuilder(category.Length);
        var pendingUnderscore = false;
        foreach (var rune in category.Normalize(NormalizationForm.FormC).EnumerateRunes())
        {
            var c = Rune.GetUnicodeCategory(rune);
            var word = rune.Value == '_' || c is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber;
            if (!word)
            {
                pendingUnderscore = text.Length > 0;
                continue;
            }
            if (pendingUnderscore) text.Append('_');
            pendingUnderscore = false;
            text.Append(rune.ToString());
        }
        return text.Length == 0 ? "category" : text.ToString();
    }

    /// <summary>Unique tags for a run's categories, in order.</summary>
    public static IReadOnlyList<string> Tags(IReadOnlyList<string> categories)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var tags = new string[categories.Count];
        for (var i = 0; i < categories.Count; i++)
        {
            var tag = Tag(categories[i]);
            var unique = tag;
            for (var k = 2; !used.Add(unique); k++) unique = tag + "_" + k.ToString(CultureInfo.InvariantCulture);
            tags[i] = unique;
        }
        return tags;
    }

    public static string Section(string category, string body) => Section(Tag(category), category, body);

    public static string Section(string tag, string category, string body) =>
        tag == category ? $"<{tag}>\n{body}\n</{tag}>" : $"<{tag}>\nCategory: {category}\n{body}\n</{tag}>";

    public static string Join(IEnumerable<string> sections) => string.Join("\n\n", sections);
}
