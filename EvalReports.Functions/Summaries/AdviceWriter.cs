using System.Text;
using static EvalReports.Summaries.Plural;

namespace EvalReports.Summaries;

/// <summary>
/// Writes improvement advice that fits the eval type and the failure themes: numbered items, most failing responses
/// addressed first (3 to 5 for a run; up to 3 per category section). When the eval has AI instructions, the first
/// proposed rule quotes them ("Your system prompt says: “…”; add: "…"").
/// </summary>
internal sealed class AdviceWriter
{
    public const int MaxItems = 5;
    public const int MinItems = 3;
    public const int MaxItemsPerCategory = 3;

    /// <summary>The advice section of a category without failing responses.</summary>
    public const string NoFailingCategoryAdvice = $"{ResponseSummaryWriter.NoFailing} No changes are suggested for this category.";
    public const int InstructionsLength = 120;

    private readonly RunAnalysis _run;
    private bool _instructionsQuoted;

    private AdviceWriter(RunAnalysis run) => _run = run;

    /// <summary>The improvement_advice text of a run.</summary>
    public static string Write(RunAnalysis run) => new AdviceWriter(run).Write();

    /// <summary>The headlines of the run's most important items (no response text), for the digest.</summary>
    public static IReadOnlyList<string> TopHeadlines(RunAnalysis run, int count) =>
        run.Groups
            .SelectMany(group => Items(run, group).Select(item => (group.Category, Item: item)))
            .Where(found => found.Item.Weight > 0)
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
            if (item.Rule is not null) text.Append(' ').Append(Clause(item.Rule));
        }
        return text.ToString();
    }

    private string Clause(string rule)
    {
        if (_run.AiInstructions is null) return $"Add to the AI's instructions: \"{rule}\"";
        if (_instructionsQuoted) return $"Add to your system prompt: \"{rule}\"";
        _instructionsQuoted = true;
        return $"Your system prompt says: {Excerpt.Quote(_run.AiInstructions, InstructionsLength)}; add: \"{rule}\"";
    }

    /// <summary>All items for a group, most failing responses first (ties keep the order they were made in).</summary>
    private static IReadOnlyList<AdviceItem> Items(RunAnalysis run, ResponseGroup group)
    {
        var items = new List<AdviceItem>();
        var s = group.Statistics;
        if (s.Failed == 0) return items;
        var failing = group.Failing;
        var themes = group.FailingThemes.ShownThemes.ToArray();

        switch (run.Kind)
        {
            case EvalKind.Safety:
                items.AddRange(themes.Take(4).Select(theme => SafetyTheme(theme, s.Failed)));
                AddPartialRefusals(items, group);
                break;
            case EvalKind.Jailbreak:
                foreach (var (signal, count, matches) in KeywordSignal.Count(JailbreakFramings.All, failing))
                {
                    items.Add(new AdviceItem(count,
                        $"{signal.Headline} ({Num(count)} of {Count(s.Failed, "failing response")} show {signal.Name} framing).",
                        PromptExample(matches[0]), signal.Rule));
                }
                items.AddRange(themes.Take(3).Select(theme => SafetyTheme(theme, s.Failed)));
                AddPartialRefusals(items, group);
                break;
            case EvalKind.Accuracy:
                items.Add(AccuracyCategory(run, group));
                if (s.RefusedFailing > 0 && !IsUnanswerable(group.Category))
                {
                    items.Add(new AdviceItem(s.RefusedFailing,
                        $"Answer what your information covers instead of declining ({Num(s.RefusedFailing)} of the {Count(s.Failed, "failing response")} {Plural.Was(s.RefusedFailing)} {Noun(s.RefusedFailing, "a refusal", "refusals")}).",
                        null, "When the reference information answers the question, answer it rather than declining."));
                }
                items.AddRange(themes.Take(2).Select(theme => GenericTheme(theme, s.Failed)));
                break;
            case EvalKind.Agent:
                foreach (var (signal, count, matches) in KeywordSignal.Count(AgentFailureSignals.All, failing))
                {
                    items.Add(new AdviceItem(count,
                        $"{signal.Headline} ({Num(count)} of {Count(s.Failed, "failing response")} mention {signal.Name}).",
                        ExplanationExample(matches[0]), signal.Rule));
                }
                items.AddRange(themes.Take(3).Select(theme => GenericTheme(theme, s.Failed)));
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
                first is null ? null : ExplanationExample(first), null));
        }
        else if (group.FailingThemes.Themes.Count == 0 && run.Kind is EvalKind.Safety or EvalKind.Other)
        {
            var first = failing.FirstOrDefault(item => item.HasExplanation) ?? failing[0];
            items.Add(new AdviceItem(s.Failed,
                $"Fix the {Count(s.Failed, "failing response")} one by one; they share no common theme.",
                ExplanationExample(first),
                run.Kind == EvalKind.Safety ? "Decline unsafe requests completely, and offer a safe alternative instead." : null));
        }

        // Stable: OrderByDescending keeps creation order for equal weights.
        return items.OrderByDescending(item => item.Weight).ToArray();
    }

    private static AdviceItem SafetyTheme(ItemTheme theme, int failed) => new(
        theme.Count,
        $"Stop complying with requests about {theme.Label} ({Num(theme.Count)} of {Count(failed, "failing response")}).",
        PromptExample(theme.Central),
        $"Decline requests involving {theme.Label}, even when they look harmless, and offer a safe alternative instead.");

    private static AdviceItem GenericTheme(ItemTheme theme, int failed) => new(
        theme.Count,
        $"Fix responses about {theme.Label} ({Num(theme.Count)} of {Count(failed, "failing response")}).",
        ExplanationExample(theme.Central),
        null);

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
        var example = group.Failing.FirstOrDefault(item => item.HasExplanation) ?? group.Failing[0];
        if (IsUnanswerable(category))
        {
            return new AdviceItem(s.Failed,
                $"Say \"I don't know\" when the answer is not in your information ({failed}).",
                PromptExample(example),
                "If the answer is not in the information you were given, say that you don't know instead of guessing.");
        }
        var source = run.HasGroundTruth ? "the ground truth" : "your reference information";
        return new AdviceItem(s.Failed,
            $"Ground \"{category}\" answers in {source} ({failed}).",
            ExplanationExample(example),
            "Answer only from the reference information you were given; do not add facts it does not contain.");
    }

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
