using EvalReports.Contracts;

namespace EvalReports.Summaries;

/// <summary>
/// Everything the writers need about one run: statistics, and the response groups (the whole run, or one group per
/// prompt category for accuracy evals and runs whose prompts carry categories, ordered by category name, ordinal).
/// </summary>
internal sealed record RunAnalysis(
    string RunName,
    EvalKind Kind,
    string? AiInstructions,
    bool HasGroundTruth,
    RunStatistics Statistics,
    bool Categorized,
    IReadOnlyList<ResponseGroup> Groups,
    ThemeCorpus Corpus)
{
    public const string Uncategorized = "uncategorized";

    /// <summary>The advice items of each group, once made (by reference: groups are records with list members).</summary>
    public Dictionary<ResponseGroup, IReadOnlyList<AdviceItem>> AdviceItems { get; } = new(ReferenceEqualityComparer.Instance);

    public static RunAnalysis Of(RunSummaryInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var run = input.Run;
        var evaluation = run.Evaluation;
        var kind = EvalKinds.Of(evaluation);
        var stopWords = StopWords.ForEval(evaluation?.Language, evaluation?.EvalType);
        var finder = new ThemeFinder(stopWords);

        var prompts = new Dictionary<string, EvalPrompt>(StringComparer.Ordinal);
        var anyCategory = false;
        foreach (var prompt in input.Prompts ?? [])
        {
            if (prompt?.PromptUuid is null) continue;
            prompts.TryAdd(prompt.PromptUuid, prompt);
            anyCategory |= !string.IsNullOrWhiteSpace(prompt.Category);
        }
        var categorized = kind == EvalKind.Accuracy || anyCategory;

        var items = new List<ScoredItem>(input.Responses?.Count ?? 0);
        var explanations = new List<string?>(input.Responses?.Count ?? 0);
        var excludedByCategory = new Dictionary<string, (int Excluded, int WithoutVerdict)>(StringComparer.Ordinal);
        foreach (var response in input.Responses ?? [])
        {
            if (response is null) continue;
            EvalPrompt? prompt = null;
            if (response.PromptUuid is not null) prompts.TryGetValue(response.PromptUuid, out prompt);
            var category = categorized ? CategoryOf(prompt) : string.Empty;

            if (response.ExcludeFromScoring == true || response.IsPassed is null)
            {
                excludedByCategory.TryGetValue(category, out var counts);
                excludedByCategory[category] = response.ExcludeFromScoring == true
                    ? (counts.Excluded + 1, counts.WithoutVerdict)
                    : (counts.Excluded, counts.WithoutVerdict + 1);
                continue;
            }

            var explanation = NonBlank(response.Explanation);
            if (explanation is not null) explanations.Add(explanation);
            items.Add(new ScoredItem(
                response,
                string.IsNullOrWhiteSpace(prompt?.Content) ? null : prompt.Content,
                explanation,
                category,
                response.IsPassed == true,
                response.AiRefused == true,
                explanation is null ? -1 : explanations.Count - 1));
        }

        // All explanations are tokenized and weighted once, with word weights over the whole run.
        var themes = new ThemeSource(finder, finder.Index(explanations));
        var signals = kind switch
        {
            EvalKind.Jailbreak => JailbreakFramings.All,
            EvalKind.Agent => AgentFailureSignals.All,
            _ => [],
        };
        var groups = new List<ResponseGroup>();
        if (categorized)
        {
            var byCategory = new SortedDictionary<string, List<ScoredItem>>(StringComparer.Ordinal);
            foreach (var item in items)
            {
                if (!byCategory.TryGetValue(item.Category, out var list)) byCategory.Add(item.Category, list = []);
                list.Add(item);
            }
            foreach (var (category, list) in byCategory)
            {
                excludedByCategory.TryGetValue(category, out var left);
                groups.Add(Group(category, list, left.Excluded, left.WithoutVerdict, themes, signals));
            }
        }
        else
        {
            excludedByCategory.TryGetValue(string.Empty, out var left);
            groups.Add(Group(null, items, left.Excluded, left.WithoutVerdict, themes, signals));
        }

        var statistics = Tally(items, excludedByCategory.Values.Sum(v => v.Excluded), excludedByCategory.Values.Sum(v => v.WithoutVerdict));
        return new RunAnalysis(
            NameOf(run),
            kind,
            NonBlank(evaluation?.AiInstructions),
            evaluation?.GroundTruth is not null,
            statistics,
            categorized,
            groups,
            themes.Corpus);
    }

    /// <summary>The run's name for readers: its name, else its eval's name, else its uuid.</summary>
    public static string NameOf(EvalRunResult run) =>
        NonBlank(run.Name) ?? NonBlank(run.Evaluation?.Name) ?? run.EvalRunUuid;

    private static string CategoryOf(EvalPrompt? prompt) =>
        string.IsNullOrWhiteSpace(prompt?.Category) ? Uncategorized : prompt.Category;

    private static ResponseGroup Group(string? category, List<ScoredItem> items, int excluded, int withoutVerdict, ThemeSource themes, IReadOnlyList<KeywordSignal> signals)
    {
        var passing = new List<ScoredItem>(items.Count);
        var failing = new List<ScoredItem>();
        foreach (var item in items) (item.Passed ? passing : failing).Add(item);
        return new ResponseGroup(
            category,
            Tally(items, excluded, withoutVerdict),
            passing,
            failing,
            ItemThemes.Find(passing, themes),
            ItemThemes.Find(failing, themes),
            KeywordSignal.Count(signals, failing));
    }

    private static RunStatistics Tally(IReadOnlyCollection<ScoredItem> items, int excluded, int withoutVerdict)
    {
        int passed = 0, refusedPassing = 0, refusedFailing = 0;
        foreach (var item in items)
        {
            if (item.Passed)
            {
                passed++;
                if (item.Refused) refusedPassing++;
            }
            else if (item.Refused)
            {
                refusedFailing++;
            }
        }
        return new RunStatistics(items.Count, passed, items.Count - passed, excluded, withoutVerdict, refusedPassing, refusedFailing);
    }

    private static string? NonBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
