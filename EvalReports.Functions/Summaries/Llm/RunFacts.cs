using System.Text.Json.Nodes;

namespace EvalReports.Summaries.Llm;

/// <summary>
/// The numbers of a run, computed in code (from the embedded summarizer's digest), as the JSON the model is given,
/// plus what the checks need: every number and percentage the model may state, and the figures each field must state.
/// </summary>
public sealed record RunFacts(
    string Json,
    RunDigest Digest,
    string Language,
    IReadOnlySet<string> Numbers,
    IReadOnlySet<string> Percentages,
    IReadOnlyList<CategoryFacts> Categories)
{
    /// <summary>Accuracy evals and runs whose prompts carry categories: the texts are written per category.</summary>
    public bool Categorized => Categories.Count > 0;

    public string PassPercent => Percent.Format(Digest.Passed, Digest.Scored);

    public string FailPercent => Percent.Format(Digest.Failed, Digest.Scored);

    public static RunFacts From(RunSummaryInput input, RunDigest digest)
    {
        var d = digest;
        IReadOnlyList<CategoryFacts> categories = d.Categories.Count > 0
            ? RunAnalysis.Of(input).Groups.Select(CategoryFacts.Of).ToArray()
            : [];
        var language = string.IsNullOrWhiteSpace(input.Run.Evaluation?.Language) ? "en" : input.Run.Evaluation!.Language!.Trim();
        var facts = new JsonObject
        {
            ["eval_type"] = d.EvalType ?? "unknown",
            ["language"] = language,
            ["scored_responses"] = d.Scored,
            ["passed"] = d.Passed,
            ["failed"] = d.Failed,
            ["pass_rate_percent"] = Percent.Format(d.Passed, d.Scored),
            ["fail_rate_percent"] = Percent.Format(d.Failed, d.Scored),
            ["refusals"] = d.Refused,
            ["refusal_percent_of_scored"] = Percent.Format(d.Refused, d.Scored),
            ["excluded_from_scoring"] = d.Excluded,
            ["failing_themes"] = new JsonArray(d.FailingThemes.Select(theme => (JsonNode)new JsonObject
            {
                ["label"] = theme.Label,
                ["failing_responses"] = theme.Count,
                ["percent_of_failing"] = Percent.Format(theme.Count, d.Failed),
            }).ToArray()),
            ["categories"] = new JsonArray(categories.Select(category => (JsonNode)category.Entry.DeepClone()).ToArray()),
            ["advice_headlines"] = new JsonArray(d.TopAdvice.Select(advice => (JsonNode)advice).ToArray()),
        };
        var json = UntrustedBlock.Encode(facts, indented: true); // labels and category names come from the data

        var percentages = new PercentForms();

        percentages.Add(d.Passed, d.Scored);
        percentages.Add(d.Failed, d.Scored);
        percentages.Add(d.Refused, d.Scored);
        foreach (var theme in d.FailingThemes) percentages.Add(theme.Count, d.Failed);
        foreach (var category in d.Categories)
        {
            percentages.Add(category.Passed, category.Scored);
            percentages.Add(category.Scored - category.Passed, category.Scored);
        }

        // Any number written in the facts may be repeated (counts, percentages, digits in labels and headlines).
        var numbers = new HashSet<string>(NumberTokens.In(json).Select(token => token.Value), StringComparer.Ordinal);
        return new RunFacts(json, d, language, numbers, percentages.All, categories);
    }
}
