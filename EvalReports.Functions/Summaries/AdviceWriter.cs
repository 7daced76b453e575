using System.Text;
using static EvalReports.Summaries.Plural;

namespace EvalReports.Summaries;

/// <summary>
/// Writes improvement advice that is specific and safe: one item per failure pattern (a theme, or for a few failures
/// each failing response), most failing responses first, at most <see cref="MaxItems"/> (<see cref="MaxItemsPerCategory"/>
/// per category section). The verb fits what went wrong (<see cref="FailureKind"/>); the item says what to change in
/// the AI's instructions and quotes the AI's own rule when its system prompt has one (<see cref="InstructionQuote"/>),
/// or says that it has none. Nothing is advised that the evidence does not support: no filler items, and never
/// "refuse requests like this" when a passing, answered prompt of the run is the same request.
/// </summary>
internal sealed class AdviceWriter
{
    public const int MaxItems = 4;
    public const int MaxItemsPerCategory = 2;

    /// <summary>The advice section of a category without failing responses.</summary>
    public const string NoFailingCategoryAdvice = $"{ResponseSummaryWriter.NoFailing} No changes are suggested for this category.";

    private const int PromptLength = 80;

    /// <summary>Answered passing prompts compared with a failing one (distinct texts; enough to find the same request, bounded for huge runs).</summary>
    private const int MaxAnsweredPrompts = 2_000;

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
                return s.Scored == 1
                    ? "The only scored response passed, so no change is needed."
                    : $"All {Count(s.Scored, "scored response")} passed, so no change is needed.";
            }
            return Fit(Items(_run, group).Take(MaxItems).ToList(), ResponseSummaryWriter.MaxShortField);
        }

        return CategorySections.Join(_run.Groups.Select((group, index) => CategorySections.Section(
            _run.Tags[index],
            group.Category!,
            group.Statistics.Failed == 0
                ? NoFailingCategoryAdvice
                : Fit(Items(_run, group).Take(MaxItemsPerCategory).ToList(), ResponseSummaryWriter.MaxShortField / 2))));
    }

    /// <summary>The items, rendered as roomily as fits the bar for runs with few failures (examples, then notes, then items dropped).</summary>
    private string Fit(List<AdviceItem> items, int limit)
    {
        var bounded = _run.Statistics.Failed <= ResponseSummaryWriter.ShortRunFailures;
        var text = Render(items, 0);
        for (var level = 1; bounded && text.Length > limit && level <= MostTerse; level++) text = Render(items, level);
        // Every pattern keeps its headline before any is dropped: a reader must see each thing to fix.
        while (bounded && text.Length > limit && items.Count > 1)
        {
            items.RemoveAt(items.Count - 1);
            text = Render(items, MostTerse);
        }
        return text;
    }

    private const int MostTerse = 5;

    /// <summary>
    /// Level 0: everything; 1: examples only on the first item; 2: no examples; 3: headlines and notes only;
    /// 4: headlines, and the first item's note; 5: headlines, and a note only where it holds a rule the headline does not quote.
    /// </summary>
    private string Render(IReadOnlyList<AdviceItem> items, int level)
    {
        var text = new StringBuilder();
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0) text.Append('\n');
            var item = items[i];
            if (items.Count > 1) text.Append(Num(i + 1)).Append(". ");
            text.Append(item.Headline);
            if (item.Example is not null && (level == 0 || (level == 1 && i == 0) || (level < 3 && item.ExampleEssential))) text.Append(' ').Append(item.Example);
            var noted = level < 4 || (level == 4 && i == 0) || (level == 5 && item.Note is not null && item.Note.StartsWith("Your system prompt already says", StringComparison.Ordinal) && (item.Quote is null || !item.Headline.Contains(item.Quote, StringComparison.Ordinal)));
            if (item.Note is not null && noted) text.Append(' ').Append(item.Note);
            else if (item.Note is null && item.Rule is not null && level < 3) text.Append(' ').Append(Clause(item.Rule));
        }
        return text.ToString();
    }

    private string Clause(string rule) =>
        _run.NoInstructions ? $"There is no system prompt: add one that says \"{rule}\"" : $"Add to your system prompt: \"{rule}\"";

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

    /// <summary>A failure pattern: a theme, or one failing response of a small group.</summary>
    private sealed record Pattern(ItemTheme Theme, bool Single);

    private static List<Pattern> Patterns(RunAnalysis run, ResponseGroup group)
    {
        // A few failures are advised on one by one (as they are listed): a theme among three responses is as likely a shared word as a shared problem.
        if (group.Failing.Count > ResponseSummaryWriter.SmallGroup) return group.FailingThemes.ShownThemes.Select(theme => new Pattern(theme, false)).ToList();
        var patterns = new List<Pattern>();
        var covered = new HashSet<ScoredItem>();
        foreach (var item in group.Failing)
        {
            if (covered.Contains(item)) continue;
            var reason = item.ExplanationIndex < 0 ? null : ClauseLabel.ForText(run.Corpus, item.ExplanationIndex, run.English);
            var label = reason?.Text ?? (item.PromptText is null ? "failed without an explanation" : "failed (no explanation given)");
            // The same reason word for word is one pattern.
            var same = patterns.FindIndex(p => p.Theme.Label == label);
            if (same >= 0)
            {
                var theme = patterns[same].Theme;
                patterns[same] = patterns[same] with { Theme = theme with { Members = theme.Members.Append(item).ToArray() } };
                continue;
            }
            patterns.Add(new Pattern(new ItemTheme(label, [item], item) { Predicate = reason?.Predicate ?? false }, true));
        }
        return patterns;
    }

    /// <summary>All items for a group, most failing responses first (ties keep the order they were made in).</summary>
    private static IReadOnlyList<AdviceItem> MakeItems(RunAnalysis run, ResponseGroup group)
    {
        var items = new List<AdviceItem>();
        var s = group.Statistics;
        if (s.Failed == 0) return items;
        var patterns = Patterns(run, group);
        var small = group.Failing.Count <= ResponseSummaryWriter.SmallGroup;
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
                var harmful = new List<Pattern>();
                foreach (var pattern in NotCoveredBySignals(patterns, group.FailingSignals))
                {
                    var kind = FailureKinds.Of(pattern.Theme, run.Kind);
                    partialRefusalTheme |= kind == FailureKind.PartialRefusal;
                    if (kind == FailureKind.Harmful && small && InstructionQuote.For(run.AiInstructions, pattern.Theme, run.Corpus) is null && !LooksBenign(run, pattern.Theme.Central))
                    {
                        harmful.Add(pattern);
                        continue;
                    }
                    items.Add(SafetyItem(run, pattern.Theme, kind, s.Failed));
                }
                if (harmful.Count == 1) items.Add(SafetyItem(run, harmful[0].Theme, FailureKind.Harmful, s.Failed));
                else if (harmful.Count > 1) items.Add(SafetyRule(run, harmful, s.Failed));
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
                items.AddRange(group.FailingThemes.ShownThemes.Where(theme => theme.Count < s.Failed).Take(1).Select(theme => AccuracyTheme(run, theme, s.Failed)));
                break;
            case EvalKind.Agent:
                // Keyword signals only when no pattern says it better.
                foreach (var (signal, count, matches) in group.FailingSignals.Take(patterns.Count == 0 ? 2 : 0))
                {
                    items.Add(new AdviceItem(count,
                        $"{signal.Headline} ({Num(count)} of {Count(s.Failed, "failing response")} {Noun(count, "mentions", "mention")} {signal.Name}).",
                        null, signal.Rule) { Leftover = false });
                }
                foreach (var pattern in patterns.Take(3)) items.Add(GenericItem(run, pattern.Theme, s.Failed, "the agent"));
                break;
            default:
                foreach (var pattern in patterns.Take(4)) items.Add(GenericItem(run, pattern.Theme, s.Failed, "the AI"));
                break;
        }

        var others = group.FailingThemes.Others;
        if (group.Failing.Count > ResponseSummaryWriter.SmallGroup && others >= 3 && others * 5 >= s.Failed)
        {
            items.Add(new AdviceItem(others,
                $"Read the {Num(others)} failing responses that fit none of these patterns (GET /v2/eval-runs/{run.RunUuid}/responses) before changing the prompt.",
                null, null) { Leftover = true });
        }

        items = MergeByQuote(items, s.Failed);
        // Stable: keeps creation order for equal weights.
        return items.OrderBy(item => item.Leftover).ThenByDescending(item => item.Weight).ToArray();
    }

    /// <summary>Items that quote the same rule of the system prompt become one: the rule, and each way it was broken.</summary>
    private static List<AdviceItem> MergeByQuote(List<AdviceItem> items, int failed)
    {
        var merged = new List<AdviceItem>(items.Count);
        foreach (var item in items)
        {
            if (item.Quote is null || items.Count(other => other.Quote == item.Quote) < 2)
            {
                merged.Add(item);
                continue;
            }
            if (merged.Any(other => other.Quote == item.Quote)) continue;
            var same = items.Where(other => other.Quote == item.Quote).ToArray();
            var weight = same.Sum(other => other.Weight);
            merged.Add(new AdviceItem(weight,
                $"Your system prompt already says {item.Quote}, yet {Num(weight)} of {Count(failed, "failing response")} broke it: {string.Join("; ", same.Select(other => same.All(one => one.Weight == 1) ? other.What : $"{other.What} ({Count(other.Weight, "response")})"))}.",
                item.Example,
                null)
            {
                Note = "Restate it so that no framing or reason given by the user changes it, and put it near the top.",
                Quote = item.Quote,
            });
        }
        return merged;
    }

    /// <summary>Patterns whose members are not mostly (3 in 4) the responses of a signal already advised on ("role-play" framing and a "role-play" theme).</summary>
    private static IEnumerable<Pattern> NotCoveredBySignals(IReadOnlyList<Pattern> patterns, IReadOnlyList<SignalMatch> signals)
    {
        var matched = signals.Select(signal => signal.Items.ToHashSet()).ToArray();
        return patterns.Where(p => !matched.Any(items => p.Theme.Members.Count(items.Contains) * 4 >= p.Theme.Count * 3));
    }

    private static bool Gerund(string phrase)
    {
        var space = phrase.IndexOf(' ');
        var first = space < 0 ? phrase : phrase[..space];
        return first.EndsWith("ing", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>True when a label says only what the AI did not do ("didn't offer 988", "gave no warning").</summary>
    private static bool Omission(string label) =>
        label.StartsWith("didn't ", StringComparison.OrdinalIgnoreCase) || label.StartsWith("did not ", StringComparison.OrdinalIgnoreCase) ||
        label.StartsWith("failed ", StringComparison.OrdinalIgnoreCase) || label.StartsWith("never ", StringComparison.OrdinalIgnoreCase) ||
        label.StartsWith("omitted ", StringComparison.OrdinalIgnoreCase) || label.StartsWith("left out ", StringComparison.OrdinalIgnoreCase) ||
        label.Contains(" no ", StringComparison.OrdinalIgnoreCase) && label.IndexOf(" no ", StringComparison.OrdinalIgnoreCase) < 12 ||
        label.StartsWith("does not ", StringComparison.OrdinalIgnoreCase) || label.StartsWith("doesn't ", StringComparison.OrdinalIgnoreCase) ||
        label.StartsWith("lacks ", StringComparison.OrdinalIgnoreCase) || label.StartsWith("lacked ", StringComparison.OrdinalIgnoreCase);

    private static string What(ItemTheme theme) => theme.Predicate ? "the AI " + theme.Label : theme.Label;

    private static string Counts(ItemTheme theme, int failed) => $"{Num(theme.Count)} of {Count(failed, "failing response")}";

    /// <summary>Safety and jailbreak patterns: the verb fits what went wrong, and the rule points at the system prompt's own words when it has them.</summary>
    private static AdviceItem SafetyItem(RunAnalysis run, ItemTheme theme, FailureKind kind, int failed)
    {
        var counts = Counts(theme, failed);
        var quote = InstructionQuote.For(run.AiInstructions, theme, run.Corpus);
        switch (kind)
        {
            case FailureKind.Missing:
                var missing = FailureKinds.MissingPhrase(theme);
                var these = theme.Count == 1 ? "this response" : "these responses";
                // "Named overdose pills instead of offering 988" did harm as well as leave something out: say to stop it.
                var omission = Omission(theme.Label);
                var shown = missing is not null && !theme.Label.Contains(missing.Length > 24 ? missing[..24] : missing, StringComparison.OrdinalIgnoreCase);
                return new AdviceItem(theme.Count,
                    omission
                        ? $"Make the AI do what {these} left out ({counts}): {What(theme)}."
                        : $"Stop responses where {What(theme)} ({counts}).",
                    shown ? $"What the scorer found missing: {Excerpt.Quote(missing!, 100)}." : PromptExample(theme.Central),
                    null)
                {
                    ExampleEssential = shown,
                    Note = quote is null ? null : Said(quote, $"but {these} did not do it: move it near the top and say it applies to practical questions too"),
                    Quote = quote,
                    What = What(theme),
                };
            case FailureKind.PartialRefusal:
                return new AdviceItem(theme.Count,
                    $"Make refusals complete ({counts}): the AI declined but still failed: {theme.Label}.",
                    PromptExample(theme.Central),
                    "When you decline, give no partial details, workarounds or hints that answer the request anyway.");
            case FailureKind.OverRefusal:
                return new AdviceItem(theme.Count,
                    $"Answer allowed requests like these instead of refusing them ({counts}).",
                    PromptExample(theme.Central),
                    "Answer requests your policy allows, such as general information, instead of refusing them.");
            default:
                if (LooksBenign(run, theme.Central))
                {
                    // A passing, answered prompt of the run is the same request: the topic is fine, the harmful detail is not.
                    return new AdviceItem(theme.Count,
                        $"Fix the responses where {What(theme)} ({counts}); a similar request passed, so aim the rule at the harmful detail, not the topic.",
                        PromptExample(theme.Central), null);
                }
                if (quote is not null)
                {
                    // The system prompt has a rule for this: the fix is to follow it, which may mean answering within it, not refusing.
                    return new AdviceItem(theme.Count,
                        $"Enforce the system prompt's rule: {What(theme)} ({counts}).",
                        PromptExample(theme.Central),
                        null)
                    {
                        Note = Said(quote, $"yet {(theme.Count == 1 ? "this response" : "these responses")} broke it: restate it so that no framing or reason given by the user changes it"),
                        Quote = quote,
                        What = What(theme),
                    };
                }
                return new AdviceItem(theme.Count,
                    $"Refuse requests like {(theme.Count == 1 ? "this one" : "these")}: {What(theme)} ({counts}).",
                    PromptExample(theme.Central),
                    "Decline requests like this one, even when they are framed as training, fiction or a good cause, and offer a safe alternative instead.")
                {
                    What = What(theme),
                };
        }
    }

    /// <summary>Several unrelated harmful responses of a small run, none covered by a rule of the system prompt: one rule for all.</summary>
    private static AdviceItem SafetyRule(RunAnalysis run, IReadOnlyList<Pattern> harmful, int failed)
    {
        var count = harmful.Sum(p => p.Theme.Count);
        var where = run.NoInstructions ? "Write a system prompt with a safety rule" : "Add a safety rule to the system prompt (it has none on this)";
        var prompts = harmful.Select(p => p.Theme.Central.PromptText).OfType<string>().Take(3).Select(p => Excerpt.Quote(p, 60)).ToArray();
        return new AdviceItem(count,
            $"{where}: refuse operational help like this, including when the request is framed as training or fiction. {Num(count)} of {Count(failed, "failing response")} got through: {string.Join("; ", harmful.Select(p => What(p.Theme)))}.",
            prompts.Length == 0 ? null : $"Prompts: {string.Join("; ", prompts)}.",
            null);
    }

    private static AdviceItem GenericItem(RunAnalysis run, ItemTheme theme, int failed, string subject)
    {
        var quote = InstructionQuote.For(run.AiInstructions, theme, run.Corpus);
        return new AdviceItem(theme.Count,
            $"Fix the responses where {(theme.Predicate ? subject + " " + theme.Label : theme.Label)} ({Counts(theme, failed)}).",
            PromptExample(theme.Central),
            null)
        {
            Note = quote is null ? null : Said(quote, "but these responses broke it: repeat it where it applies (for an agent, next to the tool it is about)"),
            Quote = quote,
            What = theme.Predicate ? subject + " " + theme.Label : theme.Label,
        };
    }

    private static AdviceItem AccuracyTheme(RunAnalysis run, ItemTheme theme, int failed) => new(
        theme.Count,
        $"Check answers against {(run.HasGroundTruth ? "the ground truth" : "your reference information")} where {What(theme)} ({Counts(theme, failed)}).",
        null,
        null);

    /// <summary>Advice on a rule the system prompt already has: quote it, then say what to change.</summary>
    private static string Said(string quote, string change) => $"Your system prompt already says {quote}, {change}.";

    /// <summary>True when a passing response that was not a refusal answered (nearly) the same prompt: advising to refuse it would be wrong.</summary>
    private static bool LooksBenign(RunAnalysis run, ScoredItem failing)
    {
        if (failing.PromptText is null) return false;
        var words = Words(run, failing.PromptText);
        if (words.Count == 0) return false;
        // The answered prompts' words are made as far as a search needs them (most searches stop at an early match).
        run.AnsweredPrompts ??= new LazyList<HashSet<string>>(run.Groups.SelectMany(group => group.Passing)
            .Where(passing => !passing.Refused && passing.PromptText is not null)
            .Select(passing => passing.PromptText!)
            .Distinct(StringComparer.Ordinal)
            .Take(MaxAnsweredPrompts)
            .Select(prompt => Words(run, prompt)));
        foreach (var other in run.AnsweredPrompts)
        {
            var shared = other.Count(words.Contains);
            if (shared * 10 >= Math.Max(words.Count, other.Count) * 6) return true;
        }
        return false;
    }

    private static HashSet<string> Words(RunAnalysis run, string text)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        Span<char> buffer = stackalloc char[Tokenizer.BufferLength];
        Span<char> scratch = stackalloc char[Tokenizer.BufferLength];
        var tokenizer = new Tokenizer(text.AsSpan(0, Math.Min(text.Length, 400)), buffer);
        while (tokenizer.MoveNext())
        {
            var term = TermNormalizer.ToTerm(tokenizer.Current, run.Corpus.Vocabulary.StopWords, scratch);
            if (!term.IsEmpty) words.Add(term.ToString());
        }
        return words;
    }

    private static void AddPartialRefusals(List<AdviceItem> items, ResponseGroup group)
    {
        var s = group.Statistics;
        if (s.RefusedFailing == 0) return;
        items.Add(new AdviceItem(s.RefusedFailing,
            s.Failed == 1
                ? "Make refusals complete (the failing response was a refusal that still failed)."
                : $"Make refusals complete ({Num(s.RefusedFailing)} of the {Count(s.Failed, "failing response")} {Plural.Was(s.RefusedFailing)} {Noun(s.RefusedFailing, "a refusal", "refusals")} that still failed).",
            null,
            "When you decline, give no partial details, workarounds or hints that answer the request anyway."));
    }

    private static AdviceItem AccuracyCategory(RunAnalysis run, ResponseGroup group)
    {
        var s = group.Statistics;
        var category = group.Category ?? RunAnalysis.Uncategorized;
        var failed = $"{Num(s.Failed)} of {Count(s.Scored, $"\"{category}\" response")} failed, {Percent.Format(s.Failed, s.Scored)}%";
        // Not the example a theme item below will quote (themes that hold every failure get no item of their own).
        var quoted = group.FailingThemes.ShownThemes.Where(theme => theme.Count < s.Failed).Take(1).Select(theme => theme.Central).ToHashSet();
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
                PromptExample(example),
                "When asked for an opinion or a preference, do not give one; offer the relevant facts from your information instead.")
            {
                Note = quote is null ? null : Said(quote, "but the failing responses gave opinions anyway: add that this applies to \"which is better\" and \"what do you think\" questions"),
            };
        }
        var source = run.HasGroundTruth ? "the ground truth" : "your reference information";
        var rule = InstructionQuote.ForCues(run.AiInstructions, stopWords, ["only", "knowledge", "base", "reference", "information", "provided", "source", "documentation"], 2);
        return new AdviceItem(s.Failed,
            $"Ground \"{category}\" answers in {source} ({failed}).",
            PromptExample(example),
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
         category.Contains("scope", StringComparison.OrdinalIgnoreCase) ||
         category.Contains("unknown", StringComparison.OrdinalIgnoreCase) ||
         category.Contains("outside", StringComparison.OrdinalIgnoreCase));

    private static string? PromptExample(ScoredItem item) =>
        item.PromptText is null ? null
        : item.Media is { } media ? $"Example: {MediaContent.Described(media)} for {Excerpt.Quote(item.PromptText, PromptLength)}."
        : $"Example prompt: {Excerpt.Quote(item.PromptText, PromptLength)}.";
}
