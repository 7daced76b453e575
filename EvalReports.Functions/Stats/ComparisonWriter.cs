using System.Globalization;
using EvalReports.Contracts;

namespace EvalReports.Stats;

/// <summary>
/// The words a reader sees first in a report with a baseline: what regressed, what got fixed, then whether the pass
/// rate moved more than chance would. Prepended to the summaries (see <see cref="Prepend"/>).
/// </summary>
public static class ComparisonWriter
{
    private const int QuotedPrompts = 3;
    private const int QuoteChars = 80;

    public static string? ForRun(RunComparison? comparison, Func<string, string?> promptText)
    {
        if (comparison is null)
        {
            return null;
        }

        if (comparison.Verdict == ComparisonVerdict.New)
        {
            return "Compared with the baseline: this eval has no run in the baseline report, so this run is new and has nothing to compare with.";
        }

        var parts = new List<string>();
        if (comparison.RegressedPrompts is not null)
        {
            parts.Add(comparison.RegressedPromptCount == 0
                ? "no prompt regressed"
                : $"{Prompts(comparison.RegressedPromptCount)} regressed (passed in the baseline, fail now){Quotes(comparison.RegressedPrompts, comparison.RegressedPromptCount, promptText)}");
            parts.Add(comparison.FixedPromptCount == 0
                ? "none got fixed"
                : $"{Prompts(comparison.FixedPromptCount)} got fixed (failed in the baseline, pass now){Quotes(comparison.FixedPrompts!, comparison.FixedPromptCount, promptText)}");
        }

        var lead = parts.Count == 0 ? "Compared with the baseline: " : $"Compared with the baseline: {string.Join("; ", parts)}. ";
        return lead + Numbers(comparison.Verdict, comparison.BaselinePassRate, comparison.CurrentPassRate, comparison.Difference,
            comparison.DifferenceCi95, comparison.PValue, comparison.Test, "The pass rate") + (comparison.Note is null ? "" : " " + comparison.Note);
    }

    public static string? ForSuite(SuiteComparison? comparison, IReadOnlyList<(string Name, RunComparison? Comparison)> runs)
    {
        if (comparison is null)
        {
            return null;
        }

        string Names(string verdict) => string.Join(", ", runs.Where(r => r.Comparison?.Verdict == verdict).Select(r => r.Name));
        var parts = new List<string>();
        if (comparison.RunsRegressed > 0)
        {
            parts.Add($"{Runs(comparison.RunsRegressed)} regressed ({Names(ComparisonVerdict.Regressed)})");
        }

        if (comparison.RunsImproved > 0)
        {
            parts.Add($"{Runs(comparison.RunsImproved)} improved ({Names(ComparisonVerdict.Improved)})");
        }

        if (comparison.RunsUnchanged > 0)
        {
            parts.Add($"{Runs(comparison.RunsUnchanged)} without a significant change");
        }

        if (comparison.RunsNew > 0)
        {
            parts.Add($"{Runs(comparison.RunsNew)} new (no run of that eval in the baseline)");
        }

        var text = $"Compared with the baseline report: {Prompts(comparison.RegressedPromptCount)} regressed and {Prompts(comparison.FixedPromptCount)} got fixed in all; {string.Join(", ", parts)}.";
        return comparison.Verdict == ComparisonVerdict.New
            ? text
            : text + " " + Numbers(comparison.Verdict, comparison.BaselinePassRate, comparison.CurrentPassRate, comparison.Difference,
                comparison.DifferenceCi95, comparison.PValue, comparison.Test, "Over the matched runs, the pass rate");
    }

    /// <summary>The comparison paragraph first, then the summary as it was.</summary>
    public static string Prepend(string? paragraph, string text) =>
        paragraph is null ? text : string.IsNullOrEmpty(text) ? paragraph : paragraph + "\n\n" + text;

    public static string? Prepend(string? paragraph, string? text, bool keepNull) =>
        text is null && keepNull ? null : Prepend(paragraph, text ?? "");

    public static string Percent(double? rate) =>
        rate is { } r ? (r * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "n/a";

    public static string Points(double value) =>
        (value >= 0 ? "+" : "−") + Math.Abs(value * 100).ToString("0.#", CultureInfo.InvariantCulture);

    public static string PValue(double p) =>
        p < 0.001 ? "p < 0.001" : "p = " + p.ToString("0.###", CultureInfo.InvariantCulture);

    public static string TestName(string? test) => test == ComparisonTest.FisherExact ? "Fisher's exact test" : "two-proportion z-test";

    private static string Numbers(
        string verdict, double? baseline, double? current, double? difference, IReadOnlyList<double>? interval, double? p, string? test, string subject)
    {
        if (difference is not { } d || interval is null || p is not { } pValue)
        {
            return $"{subject} went from {Percent(baseline)} to {Percent(current)}.";
        }

        var meaning = verdict switch
        {
            ComparisonVerdict.Improved => "a significant improvement",
            ComparisonVerdict.Regressed => "a significant regression",
            _ => "not a significant change",
        };
        return $"{subject} went from {Percent(baseline)} to {Percent(current)} ({Points(d)} points, 95% CI {Points(interval[0])} to {Points(interval[1])}; " +
               $"{PValue(pValue)}, {TestName(test)}): {meaning} at the 5% level.";
    }

    private static string Quotes(IReadOnlyList<string> prompts, int count, Func<string, string?> promptText)
    {
        var quoted = prompts.Take(QuotedPrompts).Select(id => promptText(id) is { } text ? $"\"{Excerpt(text)}\"" : id).ToList();
        var more = count - quoted.Count;
        return quoted.Count == 0 ? "" : $": {string.Join(", ", quoted)}{(more > 0 ? $" and {more} more" : "")}";
    }

    private static string Excerpt(string text)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= QuoteChars ? flat : flat[..(QuoteChars - 1)].TrimEnd() + "…";
    }

    private static string Prompts(int n) => n == 1 ? "1 prompt" : $"{n} prompts";

    private static string Runs(int n) => n == 1 ? "1 run" : $"{n} runs";
}
