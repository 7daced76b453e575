using System.Globalization;
using System.Text.Json.Nodes;

namespace EvalReports.Summaries.Llm;

/// <summary>
/// The numbers of one prompt category, computed in code: the entry the model is given in FACTS.categories, and what the
/// checks allow in that category's texts (only numbers of this entry, never another category's or the whole run's).
/// </summary>
public sealed record CategoryFacts(
    string Name,
    int Scored,
    int Passed,
    int Failed,
    JsonObject Entry,
    IReadOnlySet<string> Numbers,
    IReadOnlySet<string> Percentages)
{
    public const int MaxThemes = 5;

    internal static CategoryFacts Of(ResponseGroup group)
    {
        var s = group.Statistics;
        var themes = group.FailingThemes.ShownThemes.Take(MaxThemes).ToList();
        var entry = new JsonObject
        {
            ["category"] = group.Category,
            ["scored"] = s.Scored,
            ["passed"] = s.Passed,
            ["failed"] = s.Failed,
            ["pass_rate_percent"] = Percent.Format(s.Passed, s.Scored),
            ["fail_rate_percent"] = Percent.Format(s.Failed, s.Scored),
            ["refusals_among_passing"] = s.RefusedPassing,
            ["refusals_among_failing"] = s.RefusedFailing,
            ["excluded_from_scoring"] = s.Excluded,
            ["failing_themes"] = new JsonArray(themes.Select(theme => (JsonNode)new JsonObject
            {
                ["label"] = theme.Label,
                ["failing_responses"] = theme.Count,
                ["percent_of_failing"] = Percent.Format(theme.Count, s.Failed),
            }).ToArray()),
        };

        var percentages = new HashSet<string>(StringComparer.Ordinal);
        void AddPercent(int part, int whole)
        {
            var exact = Percent.Of(part, whole);
            percentages.Add(exact.ToString("0.#", CultureInfo.InvariantCulture));
            percentages.Add(Math.Round(exact, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture));
        }

        AddPercent(s.Passed, s.Scored);
        AddPercent(s.Failed, s.Scored);
        AddPercent(s.RefusedPassing, s.Passed);
        AddPercent(s.RefusedFailing, s.Failed);
        foreach (var theme in themes) AddPercent(theme.Count, s.Failed);

        // Digits in the category name and theme labels may be repeated too ("Grade 5 math").
        var numbers = new HashSet<string>(NumberTokens.In(UntrustedBlock.Encode(entry, indented: false)).Select(token => token.Value), StringComparer.Ordinal);
        return new CategoryFacts(group.Category!, s.Scored, s.Passed, s.Failed, entry, numbers, percentages);
    }
}
