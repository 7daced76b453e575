using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EvalReports.Summaries.Llm;

/// <summary>
/// The numbers of a run, computed in code, as the FACTS JSON the model is given, plus what the checks need. FACTS holds
/// only code-made values (counts, percentages, ids such as "C1" and "T1", the eval kind and a validated language code):
/// every imported string — category names, the run's name, theme examples — goes to the model in the untrusted data
/// block (<see cref="DataLines"/>). Refusals count the <c>ai_refused</c> flag or an explanation that says the response
/// refused. Failing themes are given as sizes in FACTS and a few member responses in the data, for the model to name.
/// </summary>
public sealed partial record RunFacts(
    string Json,
    RunDigest Digest,
    string Language,
    string Kind,
    FactScope Run,
    FactScope Overall,
    IReadOnlyList<CategoryFacts> Categories,
    IReadOnlyList<string> DataLines)
{
    public const int ExamplesPerTheme = 3;
    public const int MaxExamplePromptChars = 160;
    public const int MaxExampleExplanationChars = 260;

    private static readonly string[] RefusalDetails =
    [
        "refusals_flagged_ai_refused", "refusal_percent_of_scored", "refusals_among_passing", "refusal_percent_of_passing",
        "refusals_among_failing", "refusal_percent_of_failing",
    ];

    internal LlmRun Analysis { get; private init; } = null!;

    /// <summary>Accuracy evals and runs whose prompts carry categories: the texts are written per category.</summary>
    public bool Categorized => Categories.Count > 0;

    public string PassPercent => Percent.Format(Run.Passed, Run.Scored);

    public string FailPercent => Percent.Format(Run.Failed, Run.Scored);

    public static RunFacts From(RunSummaryInput input, RunDigest digest)
    {
        var analysis = LlmRun.Of(input);
        var whole = new LlmGroup(null, analysis.Items, digest.Excluded, analysis.Categorized ? [] : analysis.Groups[0].FailingThemes);
        var categories = analysis.Categorized
            ? analysis.Groups.Select((group, i) => CategoryFacts.Of($"C{i + 1}", group)).ToArray()
            : [];
        var language = LanguageCode().IsMatch(input.Run.Evaluation?.Language?.Trim() ?? string.Empty) ? input.Run.Evaluation!.Language!.Trim() : "en";
        var kind = analysis.Kind.ToString().ToLowerInvariant();

        var (facts, percentages) = Counts(whole, string.Empty);
        facts.Insert(0, "eval_type", kind);
        facts.Insert(1, "language", language);
        facts["excluded_from_scoring"] = digest.Excluded;
        var types = analysis.Items.Select(item => DataItem.ContentType(item.Response) ?? "text").GroupBy(type => type, StringComparer.Ordinal).ToList();
        if (types.Count > 1 || types.Any(type => type.Key != "text"))
        {
            facts["responses_by_content_type"] = new JsonObject(types.OrderBy(type => type.Key, StringComparer.Ordinal)
                .Select(type => KeyValuePair.Create(type.Key, (JsonNode?)type.Count())));
        }

        if (categories.Length > 0)
        {
            facts["category_count"] = categories.Length;
            facts["categories"] = new JsonArray([.. categories.Select(category => (JsonNode)category.Entry.DeepClone())]);
        }

        var json = UntrustedBlock.Encode(facts, indented: true);

        // The run's name may be repeated ("MediHelp v2.3"); its digits are allowed, as are a category's in its texts.
        var runNameNumbers = NumbersIn(input.Run.Name ?? string.Empty);
        runNameNumbers.UnionWith(NumbersIn(input.Run.Evaluation?.Name ?? string.Empty));
        var runNumbers = NumbersIn(json);
        runNumbers.UnionWith(runNameNumbers);
        var run = new FactScope("the run", whole.Scored, whole.Passed, whole.Failed, whole.Refusals, runNumbers, percentages.All);

        var overallNumbers = new HashSet<string>(runNumbers, StringComparer.Ordinal);
        var overallPercentages = new HashSet<string>(percentages.All, StringComparer.Ordinal);
        foreach (var category in categories)
        {
            overallNumbers.UnionWith(category.Scope.Numbers);
            overallPercentages.UnionWith(category.Scope.Percentages);
        }

        var overall = run with { Numbers = overallNumbers, Percentages = overallPercentages };

        var lines = new List<string> { DataItem.HeaderLine(input) };
        lines.AddRange(categories.Select(category => UntrustedBlock.Line(new JsonObject { ["category"] = category.Id, ["name"] = category.Name })));
        lines.AddRange(ThemeLines(whole, string.Empty, null));
        for (var i = 0; i < categories.Length; i++) lines.AddRange(ThemeLines(analysis.Groups[i], categories[i].Id + "-", categories[i].Id));

        return new RunFacts(json, digest, language, kind, run, overall, categories, lines) { Analysis = analysis };
    }

    /// <summary>The counts of a group as a FACTS entry, and the percentages a text about it may state.</summary>
    internal static (JsonObject Entry, PercentForms Percentages) Counts(LlmGroup group, string themePrefix)
    {
        var entry = new JsonObject
        {
            ["scored_responses"] = group.Scored,
            ["passed"] = group.Passed,
            ["failed"] = group.Failed,
            ["pass_rate_percent"] = Percent.Format(group.Passed, group.Scored),
            ["fail_rate_percent"] = Percent.Format(group.Failed, group.Scored),
            ["refusals"] = group.Refusals,
            ["refusals_flagged_ai_refused"] = group.RefusedFlagged,
            ["refusal_percent_of_scored"] = Percent.Format(group.Refusals, group.Scored),
            ["refusals_among_passing"] = group.RefusalsPassing,
            ["refusal_percent_of_passing"] = Percent.Format(group.RefusalsPassing, group.Passed),
            ["refusals_among_failing"] = group.RefusalsFailing,
            ["refusal_percent_of_failing"] = Percent.Format(group.RefusalsFailing, group.Failed),
            ["failing_themes"] = new JsonArray([.. group.FailingThemes.Select((theme, t) => (JsonNode)new JsonObject
            {
                ["theme"] = $"{themePrefix}T{t + 1}",
                ["failing_responses"] = theme.Count,
                ["percent_of_failing"] = Percent.Format(theme.Count, group.Failed),
            })]),
        };
        if (themePrefix.Length > 0)
        {
            // A category entry: refusal details only when there are refusals, so the entry stays short to read.
            entry["excluded_from_scoring"] = group.Excluded;
            if (group.Refusals == 0)
            {
                foreach (var key in RefusalDetails) entry.Remove(key);
            }
        }

        var percentages = new PercentForms();
        percentages.Add(group.Passed, group.Scored);
        percentages.Add(group.Failed, group.Scored);
        percentages.Add(group.Refusals, group.Scored);
        percentages.Add(group.RefusalsPassing, group.Passed);
        percentages.Add(group.RefusalsFailing, group.Failed);
        foreach (var theme in group.FailingThemes) percentages.Add(theme.Count, group.Failed);
        return (entry, percentages);
    }

    /// <summary>A few members of each failing theme (the most central first): the gist of the prompt and the explanation.</summary>
    private static IEnumerable<string> ThemeLines(LlmGroup group, string themePrefix, string? categoryId) =>
        group.FailingThemes.Select((theme, t) =>
        {
            var line = new JsonObject { ["theme"] = $"{themePrefix}T{t + 1}" };
            if (categoryId is not null) line["category"] = categoryId;
            line["examples"] = new JsonArray([.. theme.Take(ExamplesPerTheme).Select(item => (JsonNode)new JsonObject
            {
                ["prompt"] = DataItem.Shorten(item.Prompt, MaxExamplePromptChars),
                ["explanation"] = DataItem.Shorten(item.Explanation, MaxExampleExplanationChars),
            })]);
            return UntrustedBlock.Line(line);
        });

    internal static HashSet<string> NumbersIn(string text) =>
        new(NumberTokens.In(text).Where(token => !token.IsWord).Select(token => token.Value), StringComparer.Ordinal);

    [GeneratedRegex(@"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}$")]
    private static partial Regex LanguageCode();
}
