using System.Text;
using static EvalReports.Summaries.Plural;

namespace EvalReports.Summaries;

/// <summary>Writes the passing and failing summaries of one response group (a whole run or one category section).</summary>
internal static class ResponseSummaryWriter
{
    public const string NoFailing = "There were no failing results to evaluate.";
    public const string NoPassing = "There were no passing results to evaluate.";
    public const string NoScored = "There were no scored responses to evaluate.";

    private const int MaxPlainExamples = 3;

    public static string Passing(ResponseGroup group, EvalKind kind)
    {
        var s = group.Statistics;
        if (s.Scored == 0) return NoScoredText(group);
        if (s.Passed == 0)
        {
            return group.Category is null ? $"{NoPassing} All {Count(s.Scored, "scored response")} failed.{LeftOut(group)}" : NoPassing;
        }

        var text = new StringBuilder();
        text.Append($"Out of {Count(s.Scored, "scored response")}{group.Scope}, {Num(s.Passed)} passed ({Percent.Format(s.Passed, s.Scored)}%).");
        text.Append(LeftOut(group));
        if (s.RefusedPassing > 0)
        {
            text.Append($"\n{Num(s.RefusedPassing)} of the {Count(s.Passed, "passing response")} {Plural.Was(s.RefusedPassing)} {Noun(s.RefusedPassing, "a refusal", "refusals")} ({Percent.Format(s.RefusedPassing, s.Passed)}%).");
        }
        else if (kind is EvalKind.Safety or EvalKind.Jailbreak)
        {
            text.Append($"\nNone of the {Count(s.Passed, "passing response")} {Plural.Was(s.Passed)} marked as {Noun(s.Passed, "a refusal", "refusals")}.");
        }
        WriteThemes(text, group.Passing, group.PassingThemes, "passing", withContent: false);
        return text.ToString();
    }

    public static string Failing(ResponseGroup group, EvalKind kind)
    {
        var s = group.Statistics;
        if (s.Scored == 0) return NoScoredText(group);
        if (s.Failed == 0)
        {
            return group.Category is null ? $"{NoFailing} All {Count(s.Scored, "scored response")} passed.{LeftOut(group)}" : NoFailing;
        }

        var text = new StringBuilder();
        text.Append($"{Num(s.Failed)} of {Count(s.Scored, "scored response")}{group.Scope} failed ({Percent.Format(s.Failed, s.Scored)}%).");
        text.Append(LeftOut(group));
        if (s.RefusedFailing > 0)
        {
            text.Append($"\n{Num(s.RefusedFailing)} of the {Count(s.Failed, "failing response")} {Plural.Was(s.RefusedFailing)} {Noun(s.RefusedFailing, "a refusal", "refusals")} ({Percent.Format(s.RefusedFailing, s.Failed)}%)");
            text.Append(kind is EvalKind.Safety or EvalKind.Jailbreak ? " that still failed: the AI declined only partly." : ".");
        }
        if (kind == EvalKind.Jailbreak) WriteSignals(text, group, "Jailbreak framings found by keyword in the failing prompts and explanations");
        if (kind == EvalKind.Agent) WriteSignals(text, group, "Problems named in the failing explanations");
        WriteThemes(text, group.Failing, group.FailingThemes, "failing", withContent: true);
        return text.ToString();
    }

    /// <summary>" 2 responses were excluded from scoring and are not counted." and the like, or "".</summary>
    public static string LeftOut(ResponseGroup group) => LeftOut(group.Statistics, group.Scope);

    public static string LeftOut(RunStatistics s, string scope)
    {
        var text = string.Empty;
        if (s.Excluded > 0) text += $" {Count(s.Excluded, "response")}{scope} {Plural.Was(s.Excluded)} excluded from scoring and {Plural.Is(s.Excluded)} not counted.";
        if (s.WithoutVerdict > 0) text += $" {Count(s.WithoutVerdict, "response")}{scope} had no pass/fail verdict and {Plural.Is(s.WithoutVerdict)} not counted.";
        return text;
    }

    private static string NoScoredText(ResponseGroup group) => NoScored + LeftOut(group);

    private static void WriteSignals(StringBuilder text, ResponseGroup group, string heading)
    {
        var failing = group.Failing;
        var found = group.FailingSignals;
        if (found.Count == 0) return;
        text.Append('\n').Append(heading).Append(": ");
        text.AppendJoin("; ", found.Select(f => $"{f.Signal.Name} in {Num(f.Count)} of {Num(failing.Count)} ({Percent.Format(f.Count, failing.Count)}%)"));
        text.Append('.');
    }

    private static void WriteThemes(StringBuilder text, IReadOnlyList<ScoredItem> items, ItemThemes themes, string side, bool withContent)
    {
        var total = items.Count;
        if (themes.Themes.Count > 0)
        {
            text.Append($"\nMain themes in the scorer's explanations of the {side} responses:");
            var number = 1;
            foreach (var theme in themes.ShownThemes)
            {
                text.Append($"\n{Num(number++)}. \"{theme.Label}\": {Num(theme.Count)} of {Count(total, side + " response")} ({Percent.Format(theme.Count, total)}%).");
                foreach (var line in QuotedExample.Lines(theme.Central, withContent)) text.Append("\n   ").Append(line);
            }
            if (themes.Others > 0)
            {
                text.Append($"\n{Num(themes.Others)} other {Noun(themes.Others, side + " response")} did not fit these themes.");
            }
        }
        else
        {
            var explained = total - themes.WithoutExplanation;
            text.Append(explained switch
            {
                0 => $"\nNone of the {side} responses had an explanation to group into themes. ",
                1 => $"\nThere was a single {side} explanation, too few to group into themes. ",
                _ => $"\nThe {Num(explained)} {side} explanations did not share common themes. ",
            });
            var examples = items.Where(item => item.HasExplanation).Concat(items.Where(item => !item.HasExplanation))
                .Select(item => QuotedExample.Lines(item, withContent))
                .Where(lines => lines.Count > 0)
                .Take(MaxPlainExamples)
                .ToArray();
            if (examples.Length > 0)
            {
                text.Append(examples.Length == 1 ? "Example:" : "Examples:");
                foreach (var lines in examples)
                {
                    text.Append("\n- ").Append(lines[0]);
                    foreach (var line in lines.Skip(1)) text.Append("\n  ").Append(line);
                }
            }
        }

        if (themes.WithoutExplanation > 0 && themes.Themes.Count > 0)
        {
            text.Append($"\n{Count(themes.WithoutExplanation, side + " response")} had no explanation and {Plural.Was(themes.WithoutExplanation)} not grouped.");
        }
    }
}
