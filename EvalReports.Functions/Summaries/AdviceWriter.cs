using System.Text;
using static EvalReports.Summaries.Plural;

namespace EvalReports.Summaries;

/// <summary>
/// Writes improvement advice that fits the eval type and the failure themes: numbered items, most failing responses
/// addressed first (3 to 5 for a run; up to 3 per category section). The verb fits what went wrong in a theme
/// (<see cref="FailureKind"/>), and when the AI's instructions already have a rule on the theme, the advice quotes it
/// (<see cref="InstructionQuote"/>) instead of proposing a new one.
/// </summary>
internal sealed class AdviceWriter
{
    public const int MaxItems = 5;
    public const int MinItems = 3;
    public const int MaxItemsPerCategory = 3;

    /// <summary>The advice section of a category without failing responses.</summary>
    public const string NoFailingCategoryAdvice = $"{ResponseSummaryWriter.NoFailing} No changes are suggested for this category.";

    private readonly RunAnalysis _run;

    private AdviceWriter(RunAnalysis run) => _run = run;

    /// <summary>The improvement_advice text of a run.</summary>
    public static string Write(RunAnalysis run) => new AdviceWriter(run).Write();

    /// <summary>The headlines of the run's most important items (no response text), for the digest.</summary>
    public static IReadOnlyList<string> TopHeadlines(RunAnalysis run, int count) =>
        run.Groups
            .SelectMany(group => Items(run, group).Select(item => (group.Category, Item: item)))
            .Where(found => found.Item.Weight > 0 && !found.Item.Leftover)
            .OrderByDescending(found => found.Item.Weight)
            .Take(count)
            .Select(found => found.Category is null || found.Item.Headline.Contains($"\"{found.Category}\"", StringComparison.Ordinal)
                ? found.Item.Headline
                : $"In \"{found.Category}\": {found.Item.Headline}")
            .ToArray();

    private string Write()
    {
        var s = _run.Statistics;
        if (s.Scored == 0) return "There were no scored responses, so there is no advice for this run." + ResponseSummaryWriter.LeftOut(s, string.Empty);

        if (!_run.Categorized)
        {
            var group = _run.Groups[0];
            if (s.Failed == 0)
            {
                return $"{ResponseSummaryWriter.NoFailing} All {Count(s.Scored, "scored response")} passed, so no changes are needed. " +
                       "Keep the current instructions and re-run this eval after any change to them.";
            }
            var items = Items(_run, group).Take(MaxItems).ToList();
            items.AddRange(Fillers(group).Take(Math.Max(0, MinItems - items.Count)));
            return "In order of priority (the most failing responses first):\n" + Render(items);
        }

        return CategorySections.Join(_run.Groups.Select(group => CategorySections.Section(
            group.Category!,
            group.Statistics.Failed == 0
                ? NoFailingCategoryAdvice
                : Render(Items(_run, group).Take(MaxItemsPerCategory).ToList()))));
    }

    private string Render(IReadOnlyList<AdviceItem> items)
    {
        var text = new StringBuilder();
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0) text.Append('\n');
            var item = items[i];
            text.Append(Num(i + 1)).Append(". ").Append(item.Headline);
            if (item.Example is not null) text.Append(' ').Append(item.Example);
            if (item.Note is not null) text.Append(' ').Append(item.Note);
            else if (item.Rule is not null) text.Append(' ').Append(Clause(item.Rule));
        }
        return text.ToString();
    }

    private string Clause(string rule) =>
        _run.AiInstructions is null ? $"Add to the AI's instructions: \"{rule}\"" : $"Add to your system prompt: \"{rule}\"";

    /// <summary>All items for a group, most failing responses first (made once per group: the text and the digest both use them).</summary>
    private static IReadOnlyList<AdviceItem> Items(RunAnalysis run, ResponseGroup group)
    {
        if (!run.AdviceItems.TryGetValue(group, out var items))
        {
            items = MakeItems(run, group);
            run.AdviceItems.Add(group, items);
        }
        return items;
    }

    /// <summary>All items for a group, most failing responses first (ties keep the order they were made in).</summary>
    private static IReadOnlyList<AdviceItem> MakeItems(RunAnalysis run, ResponseGroup group)
    {
        var items = new List<AdviceItem>();
        var s = group.Statistics;
        if (s.Failed == 0) return items;
        var failing = group.Failing;
        var themes = group.FailingThemes.ShownThemes.ToArray();
        var partialRefusalTheme = false;

        switch (run.Kind)
        {
            case EvalKind.Safety:
            case EvalKind.Jailbreak:
                if (run.Kind == EvalKind.Jailbreak)
                {
                    foreach (var (signal, count, matches) in group.FailingSignals)
                    {
                        items.Add(new AdviceItem(count,
                            $"{signal.Headline} ({Num(count)} of {Count(s.Failed, "failing response")} {Noun(count, "shows", "show")} {signal.Name} framing).",
                            PromptExample(matches[0]), signal.Rule));
                    }
                }
                foreach (var theme in NotCoveredBySignals(themes, group.FailingSignals).Take(4))
                {
                    var kind = FailureKinds.Of(theme, run.Kind);
                    partialRefusalTheme |= kind == FailureKind.PartialRefusal;
                    items.Add(SafetyTheme(run, theme, kind, s.Failed));
                }
                if (!partialRefusalTheme) AddPartialRefusals(items, group);
                break;
            case EvalKind.Accuracy:
                items.Add(AccuracyCategory(run, group));
                if (s.RefusedFailing > 0 && !IsUnanswerable(group.Category))
                {
                    items.Add(new AdviceItem(s.RefusedFailing,
                        $"Answer what your information covers instead of declining ({Num(s.RefusedFailing)} of the {Count(s.Failed, "failing response")} {Plural.Was(s.RefusedFailing)} {Noun(s.RefusedFailing, "a refusal", "refusals")}).",
                        null, "When the reference information answers the question, answer it rather than declining."));
                }
                // A theme that holds every failure of the category adds nothing to the category's own item.
                items.AddRange(themes.Where(theme => theme.Count < s.Failed).Take(2).Select(theme => AccuracyTheme(run, theme, s.Failed)));
                break;
            case EvalKind.Agent:
                foreach (var (signal, count, matches) in group.FailingSignals)
                {
                    items.Add(new AdviceItem(count,
                        $"{signal.Headline} ({Num(count)} of {Count(s.Failed, "failing response")} {Noun(count, "mentions", "mention")} {signal.Name}).",
                        ExplanationExample(matches[0]), signal.Rule));
                }
                items.AddRange(NotCoveredBySignals(themes, group.FailingSignals).Take(3).Select(theme => GenericTheme(theme, s.Failed)));
                break;
            default:
                items.AddRange(themes.Take(4).Select(theme => GenericTheme(theme, s.Failed)));
                break;
        }

        var others = group.FailingThemes.Others;
        if (others > 0 && group.FailingThemes.Themes.Count > 0)
        {
            var shown = themes.SelectMany(theme => theme.Members).ToHashSet();
            var first = failing.FirstOrDefault(item => item.HasExplanation && !shown.Contains(item));
            items.Add(new AdviceItem(others,
                $"Review the {Count(others, "failing response")} that fit no common theme.",
                first is null ? null : ExplanationExample(first), null) { Leftover = true });
        }
        else if (group.FailingThemes.Themes.Count == 0 && run.Kind is EvalKind.Safety or EvalKind.Other)
        {
            var first = failing.FirstOrDefault(item => item.HasExplanation) ?? failing[0];
            items.Add(new AdviceItem(s.Failed,
                $"Fix the {Count(s.Failed, "failing response")} one by one; they share no common theme.",
                ExplanationExample(first),
                run.Kind == EvalKind.Safety ? "Decline unsafe requests completely, and offer a safe alternative instead." : null));
        }

        // Stable: keeps creation order for equal weights.
        return items.OrderBy(item => item.Leftover).ThenByDescending(item => item.Weight).ToArray();
    }

    /// <summary>Themes whose members are not mostly (3 in 4) the responses of a signal already advised on ("role-play" framing and a "role-play" theme).</summary>
    private static IEnumerable<ItemTheme> NotCoveredBySignals(IReadOnlyList<ItemTheme> themes, IReadOnlyList<SignalMatch> signals)
    {
        var matched = signals.Select(signal => signal.Items.ToHashSet()).ToArray();
        return themes.Where(theme => !matched.Any(items => theme.Members.Count(items.Contains) * 4 >= theme.Count * 3));
    }

    /// <summary>Safety and jailbreak themes: the verb fits what went wrong, and the rule points at the system prompt's own words when it has them.</summary>
    private static AdviceItem SafetyTheme(RunAnalysis run, ItemTheme theme, FailureKind kind, int failed)
    {
        var counts = $"{Num(theme.Count)} of {Count(failed, "failing response")}";
        var quote = InstructionQuote.For(run.AiInstructions, theme, run.Corpus);
        switch (kind)
        {
            case FailureKind.Missing:
                return new AdviceItem(theme.Count,
                    $"Always include {Quoted(theme.Label)} when the conversation calls for it ({counts} left it out).",
                    ExplanationExample(theme.Central),
                    $"Whenever a conversation calls for {theme.Label}, include them, even when you also answer the question.")
                {
                    Note = quote is null ? null : Said(quote, "but these responses did not do it: say that it applies even when the user only asks a practical question, and move it near the top"),
                };
            case FailureKind.PartialRefusal:
                return new AdviceItem(theme.Count,
                    $"Make refusals about {Quoted(theme.Label)} complete ({counts}: the AI declined but still failed).",
                    ExplanationExample(theme.Central),
                    "When you decline, give no partial details, workarounds or hints that answer the request anyway.");
            case FailureKind.OverRefusal:
                return new AdviceItem(theme.Count,
                    $"Answer allowed {Quoted(theme.Label)} requests instead of refusing them ({counts}).",
                    ExplanationExample(theme.Central),
                    "Answer requests your policy allows, such as general information, instead of refusing them.");
            default:
                return new AdviceItem(theme.Count,
                    $"Stop helping with {Quoted(theme.Label)} requests that your policy forbids ({counts}).",
                    PromptExample(theme.Central),
                    "Decline requests like this one, even when they are framed as harmless, and offer a safe alternative instead.")
                {
                    Note = quote is null ? null : Said(quote, "yet these responses broke that rule: restate it as a rule that no framing or reason given by the user changes, with this prompt as an example to decline"),
                };
        }
    }

    private static AdviceItem GenericTheme(ItemTheme theme, int failed) => new(
        theme.Count,
        $"Fix the responses about {Quoted(theme.Label)} ({Num(theme.Count)} of {Count(failed, "failing response")}).",
        ExplanationExample(theme.Central),
        null);

    private static AdviceItem AccuracyTheme(RunAnalysis run, ItemTheme theme, int failed) => new(
        theme.Count,
        $"Check answers about {Quoted(theme.Label)} against {(run.HasGroundTruth ? "the ground truth" : "your reference information")} ({Num(theme.Count)} of {Count(failed, "failing response")}).",
        ExplanationExample(theme.Central),
        null);

    private static string Quoted(string label) => $"\"{label}\"";

    /// <summary>Advice on a rule the system prompt already has: quote it, then say what to change.</summary>
    private static string Said(string quote, string change) => $"Your system prompt already says {quote}, {change}.";

    private static void AddPartialRefusals(List<AdviceItem> items, ResponseGroup group)
    {
        var s = group.Statistics;
        if (s.RefusedFailing == 0) return;
        items.Add(new AdviceItem(s.RefusedFailing,
            $"Make refusals complete ({Num(s.RefusedFailing)} of the {Count(s.Failed, "failing response")} {Plural.Was(s.RefusedFailing)} {Noun(s.RefusedFailing, "a refusal", "refusals")} that still failed).",
            null,
            "When you decline, give no partial details, workarounds or hints that answer the request anyway."));
    }

    private static AdviceItem AccuracyCategory(RunAnalysis run, ResponseGroup group)
    {
        var s = group.Statistics;
        var category = group.Category ?? RunAnalysis.Uncategorized;
        var failed = $"{Num(s.Failed)} of {Count(s.Scored, $"\"{category}\" response")} failed, {Percent.Format(s.Failed, s.Scored)}%";
        // Not the example a theme item below will quote (themes that hold every failure get no item of their own).
        var quoted = group.FailingThemes.ShownThemes.Where(theme => theme.Count < s.Failed).Take(2).Select(theme => theme.Central).ToHashSet();
        var example = group.Failing.FirstOrDefault(item => item.HasExplanation && !quoted.Contains(item))
            ?? group.Failing.FirstOrDefault(item => item.HasExplanation) ?? group.Failing[0];
        var stopWords = run.Corpus.Vocabulary.StopWords;
        if (IsUnanswerable(category))
        {
            var quote = InstructionQuote.ForCues(run.AiInstructions, stopWords, ["know", "contain", "guess", "answer", "information", "available"], 2);
            return new AdviceItem(s.Failed,
                $"Say \"I don't know\" when the answer is not in your information ({failed}).",
                PromptExample(example),
                "If the answer is not in the information you were given, say that you don't know instead of guessing.")
            {
                Note = quote is null ? null : Said(quote, "but the failing responses guessed anyway: repeat the rule at the end of the prompt, with an example of a good \"I don't know\" answer"),
            };
        }
        if (IsOpinion(category))
        {
            var quote = InstructionQuote.ForCues(run.AiInstructions, stopWords, ["opinion", "opinions", "preference", "subjective", "neutral", "recommend"], 1);
            return new AdviceItem(s.Failed,
                $"Do not give opinions: answer \"{category}\" questions with the relevant facts, or say you have no view ({failed}).",
                ExplanationExample(example),
                "When asked for an opinion or a preference, do not give one; offer the relevant facts from your information instead.")
            {
                Note = quote is null ? null : Said(quote, "but the failing responses gave opinions anyway: add that this applies to \"which is better\" and \"what do you think\" questions"),
            };
        }
        var source = run.HasGroundTruth ? "the ground truth" : "your reference information";
        var rule = InstructionQuote.ForCues(run.AiInstructions, stopWords, ["only", "knowledge", "base", "reference", "information", "provided", "source", "documentation"], 2);
        return new AdviceItem(s.Failed,
            $"Ground \"{category}\" answers in {source} ({failed}).",
            ExplanationExample(example),
            "Answer only from the reference information you were given; do not add facts it does not contain.")
        {
            Note = rule is null ? null : Said(rule, "yet the failing answers added or changed facts: add that every number, limit and condition in an answer must be checked against it"),
        };
    }

    private static bool IsOpinion(string category) =>
        category.Contains("opinion", StringComparison.OrdinalIgnoreCase) ||
        category.Contains("subjective", StringComparison.OrdinalIgnoreCase) ||
        category.Contains("preference", StringComparison.OrdinalIgnoreCase);

    private static bool IsUnanswerable(string? category) =>
        category is not null &&
        (category.Contains("unanswerable", StringComparison.OrdinalIgnoreCase) ||
         category.Contains("unknown", StringComparison.OrdinalIgnoreCase) ||
         category.Contains("outside", StringComparison.OrdinalIgnoreCase));

    private static string? PromptExample(ScoredItem item) =>
        item.PromptText is not null ? $"Example prompt: {Excerpt.Quote(item.PromptText, QuotedExample.PromptLength)}." : ExplanationExample(item);

    private static string? ExplanationExample(ScoredItem item)
    {
        if (item.Explanation is null) return item.PromptText is null ? null : $"Example prompt: {Excerpt.Quote(item.PromptText, QuotedExample.PromptLength)}.";
        var prompt = item.PromptText is null ? string.Empty : $" (prompt: {Excerpt.Quote(item.PromptText, QuotedExample.PromptLength)})";
        return $"The scorer said: {Excerpt.Quote(item.Explanation, QuotedExample.ExplanationLength)}{prompt}.";
    }

    private static IEnumerable<AdviceItem> Fillers(ResponseGroup group)
    {
        var s = group.Statistics;
        var model = group.PassingThemes.Themes.FirstOrDefault()?.Central ?? group.Passing.FirstOrDefault(item => item.HasExplanation);
        if (model is not null)
        {
            yield return new AdviceItem(0, "Add an example of a passing response to your system prompt as a model to follow.", ExplanationExample(model), null);
        }
        yield return new AdviceItem(0,
            $"Re-run this eval after each change and compare with the current result: {Num(s.Passed)} of {Count(s.Scored, "scored response")} passed ({Percent.Format(s.Passed, s.Scored)}%).",
            null, null);
        yield return new AdviceItem(0,
            $"Read the scorer's explanations of all {Count(s.Failed, "failing response")}, largest theme first, before changing the instructions.",
            null, null);
    }
}
