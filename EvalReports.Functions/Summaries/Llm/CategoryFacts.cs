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

        var percentages = new PercentForms();

        percentages.Add(s.Passed, s.Scored);
        percentages.Add(s.Failed, s.Scored);
        percentages.Add(s.RefusedPassing, s.Passed);
        percentages.Add(s.RefusedFailing, s.Failed);
        foreach (var theme in themes) percentages.Add(theme.Count, s.Failed);

        // Digits in the category name and theme labels may be repeated too ("Grade 5 math").
        var numbers = new HashSet<string>(NumberTokens.In(UntrustedBlock.Encode(entry, indented: false)).Select(token => token.Value), StringComparer.Ordinal);
        return new CategoryFacts(group.Category!, s.Scored, s.Passed, s.Failed, entry, numbers, percentages.All);
    }
}
