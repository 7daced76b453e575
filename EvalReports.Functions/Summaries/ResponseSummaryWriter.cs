using System.Text;
using static EvalReports.Summaries.Plural;

namespace EvalReports.Summaries;

/// <summary>
/// Writes the passing and failing summaries of one response group (a whole run or one category section). The first
/// sentence says the main thing (the counts, then the biggest problem or what earned the passes). A few responses
/// (at most <see cref="SmallGroup"/>) get one line each: what was asked, in a few words, and why it passed or failed;
/// more get themes with sizes, largest first, each with an example prompt. For a run with at most
/// <see cref="ShortRunFailures"/> failures every field stays within <see cref="MaxShortField"/> characters (shorter
/// quotes, then fewer lines, and a pointer to the responses API for the rest).
/// </summary>
internal static class ResponseSummaryWriter
{
    public const string NoFailing = "There were no failing results to evaluate.";
    public const string NoPassing = "There were no passing results to evaluate.";
    public const string NoScored = "There were no scored responses to evaluate.";

    public const int SmallGroup = 6;
    public const int ShortRunFailures = 10;
    public const int MaxShortField = 600;
    public const int ShownThemes = 4;

    /// <summary>Quote lengths per level of compaction (0 = roomy).</summary>
    private static readonly int[] PromptLengths = [90, 60, 40, 28];
    private static readonly int[] ReasonWords = [18, 13, 9, 7];

    public static string Passing(ResponseGroup group, RunAnalysis run) => Fit(run, group, level => PassingText(group, run, level));

    public static string Failing(ResponseGroup group, RunAnalysis run) => Fit(run, group, level => FailingText(group, run, level));

    /// <summary>The text at the roomiest level that fits the bar (runs with few failures), else the tightest, cut line by line.</summary>
    private static string Fit(RunAnalysis run, ResponseGroup group, Func<int, List<string>> write)
    {
        var bounded = run.Statistics.Failed <= ShortRunFailures;
        var limit = group.Category is null ? MaxShortField : MaxShortField - 40; // a section also carries its tags
        List<string> lines = [];
        for (var level = 0; level < PromptLengths.Length; level++)
        {
            lines = write(level);
            if (!bounded || Length(lines) <= limit) return string.Join('\n', lines);
        }
        var pointer = $"Every response: GET /v2/eval-runs/{run.RunUuid}/responses.";
        var dropped = false;
        while (lines.Count > 1 && Length(lines) + pointer.Length + 1 > limit)
        {
            lines.RemoveAt(lines.Count - 1);
            dropped = true;
        }
        if (dropped) lines.Add(pointer);
        return string.Join('\n', lines);
    }

    private static int Length(List<string> lines) => lines.Sum(line => line.Length) + Math.Max(0, lines.Count - 1);

    private static List<string> PassingText(ResponseGroup group, RunAnalysis run, int level)
    {
        var s = group.Statistics;
        var lines = new List<string>();
        if (s.Scored == 0)
        {
            lines.Add(NoScored + LeftOut(group));
            return lines;
        }
        if (s.Passed == 0)
        {
            lines.Add(group.Category is null
                ? $"{NoPassing} {(s.Scored == 1 ? "The only scored response" : $"All {Count(s.Scored, "scored response")}")} failed.{LeftOut(group)}"
                : NoPassing);
            return lines;
        }

        var head = new StringBuilder($"Out of {Count(s.Scored, "scored response")}{group.Scope}, {Num(s.Passed)} passed ({Percent.Format(s.Passed, s.Scored)}%).");
        head.Append(LeftOut(group));
        head.Append(RefusalSentence(group, run.Kind));
        lines.Add(head.ToString());

        if (group.Category is not null && (group.PassingThemes.Themes.Count == 0 || group.Passing.Count <= SmallGroup))
        {
            // A category section says only what there is to say: the count, unless its passes share a pattern.
        }
        else if (group.Passing.Count <= SmallGroup && (group.Passing.Count <= 3 || group.PassingThemes.Themes.Count == 0))
        {
            // What earned the passes, one line each (at most three; the rest are counted).
            foreach (var item in group.Passing.Take(3)) lines.Add("- " + Line(item, run, level));
            if (group.Passing.Count > 3) lines.Add($"{Num(group.Passing.Count - 3)} more passing {Noun(group.Passing.Count - 3, "response")}.");
        }
        else
        {
            WriteThemes(lines, group.Passing, group.PassingThemes, "passing", run, level, maxThemes: 3);
        }
        return lines;
    }

    private static List<string> FailingText(ResponseGroup group, RunAnalysis run, int level)
    {
        var s = group.Statistics;
        var lines = new List<string>();
        if (s.Scored == 0)
        {
            lines.Add(NoScored + LeftOut(group));
            return lines;
        }
        if (s.Failed == 0)
        {
            lines.Add(group.Category is null
                ? $"{NoFailing} {(s.Scored == 1 ? "The only scored response" : $"All {Count(s.Scored, "scored response")}")} passed.{LeftOut(group)}"
                : NoFailing);
            return lines;
        }

        var small = group.Failing.Count <= SmallGroup;
        var head = new StringBuilder($"{Num(s.Failed)} of {Count(s.Scored, "scored response")}{group.Scope} failed ({Percent.Format(s.Failed, s.Scored)}%)");
        var top = group.FailingThemes.Themes.FirstOrDefault();
        if (small)
        {
            head.Append(s.Failed == 1 ? "." : ":");
        }
        else if (top is not null && top.Count * 4 >= s.Failed)
        {
            head.Append($"; most often {(top.Predicate ? "the AI " : string.Empty)}{top.Label} ({Num(top.Count)} of {Num(s.Failed)}, {Percent.Format(top.Count, s.Failed)}%).");
        }
        else
        {
            head.Append('.');
        }
        if (!small) head.Append(LeftOut(group));
        if (s.RefusedFailing > 0)
        {
            head.Append(s.Failed == 1
                ? " It was a refusal that still failed."
                : $" {Num(s.RefusedFailing)} of the {Count(s.Failed, "failing response")} {Plural.Was(s.RefusedFailing)} {Noun(s.RefusedFailing, "a refusal", "refusals")} ({Percent.Format(s.RefusedFailing, s.Failed)}%){(run.Kind is EvalKind.Safety or EvalKind.Jailbreak ? " that still failed: the AI declined only partly." : ".")}");
        }
        lines.Add(head.ToString());

        if (run.Kind == EvalKind.Jailbreak) WriteSignals(lines, group, "Jailbreak framings found by keyword in the failing prompts and explanations");
        if (run.Kind == EvalKind.Agent && (small || group.FailingThemes.Themes.Count == 0)) WriteSignals(lines, group, "Problems named in the failing explanations");

        if (small)
        {
            if (s.Failed == 1) lines.Add(Capitalized(Line(group.Failing[0], run, level)));
            else foreach (var item in group.Failing) lines.Add("- " + Line(item, run, level));
            if (LeftOut(group) is { Length: > 0 } leftOut) lines.Add(leftOut.TrimStart());
        }
        else
        {
            WriteThemes(lines, group.Failing, group.FailingThemes, "failing", run, level, ShownThemes);
        }

        if (group.Category is null && run.ProseCategories.Count > 1)
        {
            var worst = run.ProseCategories.Where(c => c.Failed > 0).OrderByDescending(c => c.Failed).ThenBy(c => c.Category, StringComparer.Ordinal).Take(4).ToArray();
            if (worst.Length > 0)
            {
                lines.Add("By prompt category: " + string.Join("; ", worst.Select(c => $"{c.Category} {Num(c.Failed)} of {Num(c.Scored)} failed")) + ".");
            }
        }
        return lines;
    }

    /// <summary>"Both were refusals." and the like, with a note when refusals were read from the explanations.</summary>
    private static string RefusalSentence(ResponseGroup group, EvalKind kind)
    {
        var s = group.Statistics;
        var refused = s.RefusedPassing;
        var fromExplanations = group.Passing.Count(item => item.RefusalFromExplanation);
        string sentence;
        if (refused == 0)
        {
            if (kind is not (EvalKind.Safety or EvalKind.Jailbreak)) return string.Empty;
            sentence = s.Passed == 1 ? "It was not a refusal." : "None of them was a refusal.";
        }
        else if (refused == s.Passed)
        {
            sentence = s.Passed switch { 1 => "It was a refusal.", 2 => "Both were refusals.", _ => $"All {Num(s.Passed)} were refusals." };
        }
        else
        {
            sentence = $"{Num(refused)} of the {Count(s.Passed, "passing response")} {Plural.Was(refused)} {Noun(refused, "a refusal", "refusals")} ({Percent.Format(refused, s.Passed)}%).";
        }
        if (fromExplanations > 0)
        {
            var trimmed = sentence.TrimEnd('.');
            sentence = fromExplanations == refused
                ? trimmed + ", as the scorer's explanations say."
                : trimmed.EndsWith(')')
                    ? $"{trimmed[..^1]}; {Num(fromExplanations)} of them known from the scorer's explanations alone)."
                    : $"{trimmed} ({Num(fromExplanations)} of them known from the scorer's explanations alone).";
        }
        return " " + sentence;
    }

    /// <summary>One response in a few words: what was asked (or "an image for …") and why it passed or failed.</summary>
    public static string Line(ScoredItem item, RunAnalysis run, int level)
    {
        var what = What(item, PromptLengths[Math.Min(level, PromptLengths.Length - 1)]);
        var reason = Reason(item, run, ReasonWords[Math.Min(level, ReasonWords.Length - 1)]);
        return reason is null ? what : $"{what}: {reason}";
    }

    /// <summary>The prompt quoted, or for a file response "an image for “…”"; never the file reference itself.</summary>
    public static string What(ScoredItem item, int promptLength)
    {
        var prompt = item.PromptText is null ? null : Excerpt.Quote(item.PromptText, Math.Max(8, promptLength));
        if (item.Media is { } media) return prompt is null ? MediaContent.Described(media) : $"{MediaContent.Described(media)} for {prompt}";
        return prompt ?? "a response without a known prompt";
    }

    /// <summary>Why, in a few words: the clause of the explanation about what the AI did (run boilerplate left out).</summary>
    public static string? Reason(ScoredItem item, RunAnalysis run, int words)
    {
        if (item.ExplanationIndex < 0) return "no explanation given";
        var clause = ClauseLabel.Reason(run.Corpus, item.ExplanationIndex, run.English, words);
        if (clause is null) return null;
        return clause.Value.Predicate ? $"{Subject(item, run, clause.Value.NamedTheAi)} {clause.Value.Text}" : clause.Value.Text;
    }

    /// <summary>Who "did" it: the AI when the scorer said so; for a file response "it" is the file ("the image is benign"); the agent for agent evals.</summary>
    private static string Subject(ScoredItem item, RunAnalysis run, bool namedTheAi) =>
        run.Kind == EvalKind.Agent ? "the agent" : !namedTheAi && item.Media is { } media ? "the " + media : "the AI";

    private static string Capitalized(string text) => text.Length > 0 && char.IsLower(text[0]) ? char.ToUpperInvariant(text[0]) + text[1..] : text;

    /// <summary>" 2 responses were excluded from scoring and are not counted." and the like, or "".</summary>
    public static string LeftOut(ResponseGroup group) => LeftOut(group.Statistics, group.Scope);

    public static string LeftOut(RunStatistics s, string scope)
    {
        var text = string.Empty;
        if (s.Excluded > 0) text += $" {Count(s.Excluded, "response")}{scope} {Plural.Was(s.Excluded)} excluded from scoring and {Plural.Is(s.Excluded)} not counted.";
        if (s.WithoutVerdict > 0) text += $" {Count(s.WithoutVerdict, "response")}{scope} had no pass/fail verdict and {Plural.Is(s.WithoutVerdict)} not counted.";
        return text;
    }

    private static void WriteSignals(List<string> lines, ResponseGroup group, string heading)
    {
        var failing = group.Failing;
        var found = group.FailingSignals;
        if (found.Count == 0) return;
        lines.Add(heading + ": " + string.Join("; ", found.Select(f => $"{f.Signal.Name} in {Num(f.Count)} of {Num(failing.Count)} ({Percent.Format(f.Count, failing.Count)}%)")) + ".");
    }

    private static void WriteThemes(List<string> lines, IReadOnlyList<ScoredItem> items, ItemThemes themes, string side, RunAnalysis run, int level, int maxThemes)
    {
        var total = items.Count;
        var shown = themes.Themes.Take(maxThemes).ToArray();
        var number = 1;
        foreach (var theme in shown)
        {
            var label = Capitalized(theme.Label);
            lines.Add($"{Num(number++)}. {label}: {Num(theme.Count)} of {Count(total, side + " response")} ({Percent.Format(theme.Count, total)}%).");
            if (level < 3 && (side == "failing" || number == 2))
            {
                lines.Add("   e.g. " + What(theme.Central, PromptLengths[level]));
            }
        }
        var inThemes = shown.Sum(theme => theme.Count);
        var others = total - themes.WithoutExplanation - inThemes;
        if (shown.Length == 0)
        {
            // Nothing in common: one line per response, as for a small group, up to three of them.
            var listed = items.Where(item => item.HasExplanation).Take(3).ToArray();
            foreach (var item in listed) lines.Add("- " + Line(item, run, level));
            var more = total - listed.Length;
            if (more > 0) lines.Add($"{Num(more)} more {side} {Noun(more, "response")}, with no pattern in common.");
            return;
        }
        if (others > 0) lines.Add($"{(others == 1 ? "1 other " + side + " response" : Num(others) + " other " + side + " responses")} fit none of these patterns.");
        if (themes.WithoutExplanation > 0) lines.Add($"{Count(themes.WithoutExplanation, side + " response")} had no explanation.");
    }
}
