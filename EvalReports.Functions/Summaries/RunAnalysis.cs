using EvalReports.Contracts;

namespace EvalReports.Summaries;

/// <summary>
/// Everything the writers need about one run: statistics, and the response groups (the whole run, or for accuracy
/// evals one group per prompt category, in the order the categories first appear in the eval's prompts; at most
/// <see cref="MaxCategories"/>, the rest in one last group). Other runs whose prompts carry categories keep them as
/// counts for prose (<see cref="ProseCategories"/>).
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

    /// <summary>Sections an accuracy run gets at most: each costs a theme search and text; the rest share one section.</summary>
    public const int MaxCategories = 50;

    public const string OtherCategories = "other categories";

    public string RunUuid { get; init; } = string.Empty;

    /// <summary>True when the eval's language is English (or not given): English-only wording rules apply.</summary>
    public bool English { get; init; } = true;

    /// <summary>True when the eval has no ai_instructions at all.</summary>
    public bool NoInstructions => AiInstructions is null;

    /// <summary>The run's modality when its responses are files ("image", "video"), else null.</summary>
    public string? Media { get; init; }

    /// <summary>Per-category counts of a run that is not an accuracy run, in eval order (for prose, not sections).</summary>
    public IReadOnlyList<(string Category, int Scored, int Failed)> ProseCategories { get; init; } = [];

    /// <summary>The unique section tag of each group (accuracy runs), by group.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The advice items of each group, once made (by reference: groups are records with list members).</summary>
    public Dictionary<ResponseGroup, IReadOnlyList<AdviceItem>> AdviceItems { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>The content words of the prompts the run answered and passed (made once, when advice needs them).</summary>
    public LazyList<HashSet<string>>? AnsweredPrompts { get; set; }

    public static RunAnalysis Of(RunSummaryInput input) => Of(input, null);

    /// <summary>The analysis, checking <paramref name="budget"/> between its steps (see <see cref="SummaryBudget"/>).</summary>
    public static RunAnalysis Of(RunSummaryInput input, SummaryBudget? budget)
    {
        ArgumentNullException.ThrowIfNull(input);
        var run = input.Run;
        var evaluation = run.Evaluation;
        var kind = EvalKinds.Of(evaluation);
        var stopWords = StopWords.ForEval(evaluation?.Language, evaluation?.EvalType);
        var finder = new ThemeFinder(stopWords);
        var language = evaluation?.Language?.Trim().ToLowerInvariant();
        var english = string.IsNullOrEmpty(language) || language == "en" || language.StartsWith("en-", StringComparison.Ordinal);

        var prompts = new Dictionary<string, EvalPrompt>(StringComparer.Ordinal);
        var anyCategory = false;
        var categoryOrder = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var prompt in input.Prompts ?? [])
        {
            if (prompt?.PromptUuid is null) continue;
            prompts.TryAdd(prompt.PromptUuid, prompt);
            anyCategory |= !string.IsNullOrWhiteSpace(prompt.Category);
            if (!string.IsNullOrWhiteSpace(prompt.Category)) categoryOrder.TryAdd(prompt.Category, categoryOrder.Count);
        }
        // Upstream writes sections for accuracy runs only; other runs mention their categories in prose.
        var categorized = kind == EvalKind.Accuracy;
        var withCategories = categorized || anyCategory;

        var items = new List<ScoredItem>(input.Responses?.Count ?? 0);
        var explanations = new List<string?>(input.Responses?.Count ?? 0);
        var verdicts = new List<int>(input.Responses?.Count ?? 0);
        var excludedByCategory = new Dictionary<string, (int Excluded, int WithoutVerdict)>(StringComparer.Ordinal);
        var modality = MediaContent.Declared(evaluation);
        foreach (var response in input.Responses ?? [])
        {
            if (response is null) continue;
            EvalPrompt? prompt = null;
            if (response.PromptUuid is not null) prompts.TryGetValue(response.PromptUuid, out prompt);
            var category = withCategories ? CategoryOf(prompt) : string.Empty;

            if (response.ExcludeFromScoring == true || response.IsPassed is null)
            {
                excludedByCategory.TryGetValue(category, out var counts);
                excludedByCategory[category] = response.ExcludeFromScoring == true
                    ? (counts.Excluded + 1, counts.WithoutVerdict)
                    : (counts.Excluded, counts.WithoutVerdict + 1);
                continue;
            }

            var explanation = NonBlank(response.Explanation);
            if (explanation is not null)
            {
                explanations.Add(explanation);
                verdicts.Add(response.IsPassed == true ? 1 : 0);
            }
            var fromExplanation = response.AiRefused != true && Refusals.SaysRefused(explanation);
            items.Add(new ScoredItem(
                response,
                string.IsNullOrWhiteSpace(prompt?.Content) ? null : prompt.Content,
                explanation,
                category,
                response.IsPassed == true,
                response.AiRefused == true || fromExplanation,
                explanation is null ? -1 : explanations.Count - 1)
            {
                Media = MediaContent.Kind(response, modality),
                RefusalFromExplanation = fromExplanation,
            });
        }

        // All explanations are tokenized and weighted once, with word weights over the whole run.
        budget?.Check();
        var themes = new ThemeSource(finder, ThemeCorpus.Build(explanations, stopWords, verdicts), english);
        budget?.Check();
        var signals = kind switch
        {
            EvalKind.Jailbreak => JailbreakFramings.All,
            EvalKind.Agent => AgentFailureSignals.All,
            _ => [],
        };
        var groups = new List<ResponseGroup>();
        IReadOnlyList<(string, int, int)> prose = [];
        if (withCategories)
        {
            // Categories in the order they first appear in the eval's prompts; any others (uncategorized) after them.
            var byCategory = new Dictionary<string, List<ScoredItem>>(StringComparer.Ordinal);
            var order = new List<string>();
            foreach (var item in items)
            {
                if (!byCategory.TryGetValue(item.Category, out var list))
                {
                    byCategory.Add(item.Category, list = []);
                    order.Add(item.Category);
                }
                list.Add(item);
            }
            foreach (var category in excludedByCategory.Keys)
            {
                if (byCategory.TryAdd(category, [])) order.Add(category);
            }
            order = order.Select((name, index) => (name, index))
                .OrderBy(x => categoryOrder.TryGetValue(x.name, out var at) ? at : int.MaxValue)
                .ThenBy(x => x.index)
                .Select(x => x.name)
                .ToList();
            if (categorized)
            {
                var shown = order.Take(MaxCategories).ToList();
                foreach (var category in shown)
                {
                    budget?.Check();
                    excludedByCategory.TryGetValue(category, out var left);
                    groups.Add(Group(category, byCategory[category], left.Excluded, left.WithoutVerdict, themes, signals));
                }
                if (order.Count > MaxCategories)
                {
                    var rest = order.Skip(MaxCategories).ToList();
                    var restItems = rest.SelectMany(c => byCategory[c]).ToList();
                    var excluded = rest.Sum(c => excludedByCategory.GetValueOrDefault(c).Excluded);
                    var withoutVerdict = rest.Sum(c => excludedByCategory.GetValueOrDefault(c).WithoutVerdict);
                    groups.Add(Group($"{OtherCategories} ({rest.Count})", restItems, excluded, withoutVerdict, themes, signals));
                }
            }
            else
            {
                prose = order.Select(c => (c, byCategory[c].Count, byCategory[c].Count(item => !item.Passed))).ToArray();
            }
        }
        if (!categorized)
        {
            excludedByCategory.TryGetValue(string.Empty, out var left);
            var excluded = excludedByCategory.Values.Sum(v => v.Excluded);
            var withoutVerdict = excludedByCategory.Values.Sum(v => v.WithoutVerdict);
            groups.Add(Group(null, items, excluded, withoutVerdict, themes, signals));
        }
        budget?.Check();

        var statistics = Tally(items, excludedByCategory.Values.Sum(v => v.Excluded), excludedByCategory.Values.Sum(v => v.WithoutVerdict));
        return new RunAnalysis(
            NameOf(run),
            kind,
            SystemPrompts.Joined(evaluation?.AiInstructions),
            evaluation?.GroundTruth is not null,
            statistics,
            categorized,
            groups,
            themes.Corpus)
        {
            RunUuid = run.EvalRunUuid,
            English = english,
            Media = items.Count > 0 && items.All(item => item.Media is not null) ? items[0].Media : null,
            ProseCategories = prose,
            Tags = categorized ? CategorySections.Tags(groups.Select(g => g.Category!).ToArray()) : [],
        };
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
