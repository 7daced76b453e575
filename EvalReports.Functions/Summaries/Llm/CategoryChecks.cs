using System.Globalization;
using System.Text.RegularExpressions;

namespace EvalReports.Summaries.Llm;

/// <summary>
/// What a per-category draft must pass: every category of the run present exactly once under its exact name and no
/// other key; in each category the texts code does not write (passing when some passed, failing and advice when some
/// failed) present and within length limits, every number one of THAT category's computed figures, the category's
/// passed / failed counts stated, no line shaped like a section tag, and no sweeping claim its numbers contradict.
/// Problems name categories by their position in FACTS, never by name (names are imported data and stay in FACTS).
/// </summary>
public static partial class CategoryChecks
{
    public const int MinSectionChars = 20;
    public const int MaxSectionChars = 1_200;

    public static IReadOnlyList<string> Problems(CategoryDraft draft, RunFacts facts)
    {
        var problems = new List<string>();
        if (draft.DuplicateKeys > 0) problems.Add($"{draft.DuplicateKeys} category key(s) appear more than once");

        var known = facts.Categories.Select(category => category.Name).ToHashSet(StringComparer.Ordinal);
        var unknown = draft.Categories.Keys.Count(key => !known.Contains(key));
        if (unknown > 0)
        {
            problems.Add($"{unknown} key(s) in \"{CategoryDraft.CategoriesKey}\" are not category names from FACTS (copy each name exactly, add no other)");
        }

        for (var i = 0; i < facts.Categories.Count; i++)
        {
            var category = facts.Categories[i];
            var where = $"category {i + 1} of FACTS.categories";
            if (!draft.Categories.TryGetValue(category.Name, out var texts))
            {
                problems.Add($"{where} is missing (its name must be copied exactly as the key)");
                continue;
            }

            problems.AddRange(CategoryProblems(where, category, texts));
        }

        return problems;
    }

    private static IEnumerable<string> CategoryProblems(string where, CategoryFacts category, CategoryDraft.Texts texts)
    {
        var required = new List<(string Key, string? Text)>();
        if (category.Passed > 0) required.Add((CategoryDraft.PassingKey, texts.Passing));
        if (category.Failed > 0)
        {
            required.Add((CategoryDraft.FailingKey, texts.Failing));
            required.Add((CategoryDraft.AdviceKey, texts.Advice));
        }

        var problems = new List<string>();
        foreach (var (key, text) in required)
        {
            var field = $"\"{key}\" of {where}";
            if (string.IsNullOrWhiteSpace(text))
            {
                problems.Add($"{field} is missing or empty");
                continue;
            }

            if (text.Length < MinSectionChars) problems.Add($"{field} is shorter than {MinSectionChars} characters");
            if (text.Length > MaxSectionChars) problems.Add($"{field} is longer than {MaxSectionChars} characters");
            if (SectionTagLine().IsMatch(text)) problems.Add($"{field} has a line that looks like a section tag (<name> or </name>)");
            problems.AddRange(SummaryChecks.NumberProblems(field, text, category.Numbers, category.Percentages, "that category's computed"));
        }

        if (problems.Count > 0) return problems;

        if (category.Passed > 0 && !SummaryChecks.States(texts.Passing!, category.Passed.ToString(CultureInfo.InvariantCulture)))
        {
            problems.Add($"\"{CategoryDraft.PassingKey}\" of {where} does not state the category's number of passing responses");
        }

        if (category.Failed > 0 && !SummaryChecks.States(texts.Failing!, category.Failed.ToString(CultureInfo.InvariantCulture)))
        {
            problems.Add($"\"{CategoryDraft.FailingKey}\" of {where} does not state the category's number of failing responses");
        }

        var all = string.Join("\n", required.Select(field => field.Text));
        if (category.Failed > 0 && (SummaryChecks.AllPassedClaim().IsMatch(all) || SummaryChecks.NoneFailedClaim().IsMatch(all)))
        {
            problems.Add($"the text of {where} claims that every response passed, but some failed");
        }

        if (category.Passed > 0 && (SummaryChecks.AllFailedClaim().IsMatch(all) || SummaryChecks.NonePassedClaim().IsMatch(all)))
        {
            problems.Add($"the text of {where} claims that every response failed, but some passed");
        }

        return problems;
    }

    // A line readers would take for the start or end of a section: the texts go inside sections, so they must not have one.
    [GeneratedRegex(@"^[ \t]*</?[^<>\n]+>[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex SectionTagLine();
}
