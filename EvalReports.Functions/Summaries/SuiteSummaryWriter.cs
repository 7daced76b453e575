using System.Text;
using static EvalReports.Summaries.Plural;

namespace EvalReports.Summaries;

/// <summary>
/// The three overall fields of a suite report, written from the runs' digests only (never response text):
/// totals, each run's pass rate, the weakest run and category, failure themes that recur across runs, and the top advice.
/// </summary>
internal static class SuiteSummaryWriter
{
    public const int MaxRecurringThemes = 5;
    public const int MaxAdvice = 5;

    public static SuiteSummary Write(IReadOnlyList<RunDigest> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0)
        {
            const string none = "There were no eval runs to summarize.";
            return new SuiteSummary(none, none, none);
        }
        return new SuiteSummary(Passing(runs), Failing(runs), Advice(runs));
    }

    private static string NameOf(RunDigest run) => string.IsNullOrWhiteSpace(run.Name) ? run.EvalRunUuid : run.Name;

    private static string Totals(IReadOnlyList<RunDigest> runs, out int scored, out int passed, out int failed)
    {
        scored = runs.Sum(run => run.Scored);
        passed = runs.Sum(run => run.Passed);
        failed = runs.Sum(run => run.Failed);
        var excluded = runs.Sum(run => run.Excluded);
        return excluded > 0 ? $" {Count(excluded, "response")} {Plural.Was(excluded)} excluded from scoring and {Plural.Is(excluded)} not counted." : string.Empty;
    }

    private static string Passing(IReadOnlyList<RunDigest> runs)
    {
        var excluded = Totals(runs, out var scored, out var passed, out _);
        var text = new StringBuilder();
        if (scored == 0) return $"There were no scored responses to evaluate in {Count(runs.Count, "eval run")}.{excluded}";

        text.Append($"Across {Count(runs.Count, "eval run")}, {Num(passed)} of {Count(scored, "scored response")} passed ({Percent.Format(passed, scored)}%).{excluded}");
        var refused = runs.Sum(run => run.Refused);
        if (refused > 0) text.Append($"\n{Num(refused)} of the {Count(scored, "scored response")} {Plural.Was(refused)} {Noun(refused, "a refusal", "refusals")} ({Percent.Format(refused, scored)}%).");
        if (passed == 0) text.Append($"\n{ResponseSummaryWriter.NoPassing}");

        text.Append("\nPass rate by run:");
        foreach (var run in runs) text.Append($"\n- {RunLine(run, passing: true)}");

        var strongest = runs.Where(run => run.Scored > 0 && run.Passed > 0).OrderBy(run => run, WeakestFirst).LastOrDefault();
        if (strongest is not null && runs.Count > 1)
        {
            text.Append($"\nStrongest run: {NameOf(strongest)}, {Num(strongest.Passed)} of {Num(strongest.Scored)} passed ({Percent.Format(strongest.Passed, strongest.Scored)}%).");
        }
        return text.ToString();
    }

    private static string Failing(IReadOnlyList<RunDigest> runs)
    {
        var excluded = Totals(runs, out var scored, out _, out var failed);
        if (scored == 0) return $"There were no scored responses to evaluate in {Count(runs.Count, "eval run")}.{excluded}";
        if (failed == 0) return $"{ResponseSummaryWriter.NoFailing} All {Count(scored, "scored response")} in {Count(runs.Count, "eval run")} passed.{excluded}";

        var text = new StringBuilder();
        text.Append($"Across {Count(runs.Count, "eval run")}, {Num(failed)} of {Count(scored, "scored response")} failed ({Percent.Format(failed, scored)}%).{excluded}");

        var weakest = runs.Where(run => run.Scored > 0).OrderBy(run => run, WeakestFirst).First();
        text.Append($"\nWeakest run: {NameOf(weakest)}, {Num(weakest.Failed)} of {Num(weakest.Scored)} failed ({Percent.Format(weakest.Failed, weakest.Scored)}%).");

        var weakestCategory = runs
            .SelectMany(run => run.Categories.Where(c => c.Scored > 0 && c.Passed < c.Scored).Select(c => (Run: run, Category: c)))
            .OrderBy(found => found, Comparer<(RunDigest Run, CategoryCount Category)>.Create(CompareCategories))
            .FirstOrDefault();
        if (weakestCategory.Run is not null)
        {
            var (run, category) = weakestCategory;
            text.Append($"\nWeakest category: \"{category.Category}\" in {NameOf(run)}, {Num(category.Passed)} of {Num(category.Scored)} passed ({Percent.Format(category.Passed, category.Scored)}%).");
        }

        text.Append("\nFailures by run:");
        foreach (var run in runs) text.Append($"\n- {RunLine(run, passing: false)}");

        var recurring = RecurringThemes(runs);
        if (recurring.Count > 0)
        {
            text.Append("\nFailure themes that recur across runs:");
            foreach (var (word, mentions) in recurring)
            {
                text.Append($"\n- \"{word}\": ");
                text.AppendJoin("; ", mentions.Select(m => $"{NameOf(m.Run)} (\"{m.Theme.Label}\", {Count(m.Theme.Count, "response")})"));
            }
        }
        else if (runs.Count > 1)
        {
            text.Append("\nNo failure theme recurs in more than one run.");
        }
        return text.ToString();
    }

    private static string Advice(IReadOnlyList<RunDigest> runs)
    {
        var scored = runs.Sum(run => run.Scored);
        if (scored == 0) return "There were no scored responses, so there is no advice for this suite.";

        // Round robin over the runs, most failing responses first: each run's first advice, then each run's second, …
        var ordered = runs.Where(run => run.Failed > 0 && run.TopAdvice.Count > 0)
            .Select((run, index) => (Run: run, Index: index))
            .OrderByDescending(found => found.Run.Failed)
            .ThenBy(found => found.Index)
            .Select(found => found.Run)
            .ToArray();
        var items = new List<string>();
        for (var rank = 0; items.Count < MaxAdvice && ordered.Any(run => run.TopAdvice.Count > rank); rank++)
        {
            foreach (var run in ordered)
            {
                if (items.Count == MaxAdvice) break;
                if (run.TopAdvice.Count > rank) items.Add($"{NameOf(run)}: {run.TopAdvice[rank]}");
            }
        }

        if (items.Count == 0)
        {
            return runs.Sum(run => run.Failed) == 0
                ? $"{ResponseSummaryWriter.NoFailing} No changes are needed in any run."
                : "The runs' reports give no specific advice; read the failing responses of the weakest run first.";
        }

        var text = new StringBuilder("Top priorities across the suite (runs with the most failing responses first):");
        for (var i = 0; i < items.Count; i++) text.Append($"\n{Num(i + 1)}. {items[i]}");
        return text.ToString();
    }

    private static string RunLine(RunDigest run, bool passing)
    {
        var type = string.IsNullOrWhiteSpace(run.EvalType) ? string.Empty : $" ({run.EvalType})";
        if (run.Scored == 0) return $"{NameOf(run)}{type}: no scored responses.";
        return passing
            ? $"{NameOf(run)}{type}: {Num(run.Passed)} of {Num(run.Scored)} passed ({Percent.Format(run.Passed, run.Scored)}%)."
            : $"{NameOf(run)}{type}: {Num(run.Failed)} of {Num(run.Scored)} failed ({Percent.Format(run.Failed, run.Scored)}%)" +
              (run.FailingThemes.Count > 0 ? $"; largest theme \"{run.FailingThemes[0].Label}\" ({Count(run.FailingThemes[0].Count, "response")})." : ".");
    }

    /// <summary>Lowest pass rate first (compared exactly), then more failures, then name and uuid (ordinal).</summary>
    private static readonly IComparer<RunDigest> WeakestFirst = Comparer<RunDigest>.Create((a, b) =>
    {
        var byRate = ((long)a.Passed * b.Scored).CompareTo((long)b.Passed * a.Scored);
        if (byRate != 0) return byRate;
        var byFailed = b.Failed.CompareTo(a.Failed);
        if (byFailed != 0) return byFailed;
        var byName = string.CompareOrdinal(NameOf(a), NameOf(b));
        return byName != 0 ? byName : string.CompareOrdinal(a.EvalRunUuid, b.EvalRunUuid);
    });

    private static int CompareCategories((RunDigest Run, CategoryCount Category) a, (RunDigest Run, CategoryCount Category) b)
    {
        var byRate = ((long)a.Category.Passed * b.Category.Scored).CompareTo((long)b.Category.Passed * a.Category.Scored);
        if (byRate != 0) return byRate;
        var byScored = b.Category.Scored.CompareTo(a.Category.Scored);
        if (byScored != 0) return byScored;
        var byName = string.CompareOrdinal(a.Category.Category, b.Category.Category);
        return byName != 0 ? byName : WeakestFirst.Compare(a.Run, b.Run);
    }

    /// <summary>Label words (plurals folded) found in the failure themes of at least two runs, most runs and responses first.</summary>
    private static IReadOnlyList<(string Word, IReadOnlyList<(RunDigest Run, ThemeCount Theme)> Mentions)> RecurringThemes(IReadOnlyList<RunDigest> runs)
    {
        var byWord = new Dictionary<string, (string Display, List<(RunDigest Run, ThemeCount Theme)> Mentions)>(StringComparer.Ordinal);
        var order = new List<string>();
        var stopWords = StopWords.ForLanguage("en");
        Span<char> buffer = stackalloc char[Tokenizer.BufferLength];
        Span<char> scratch = stackalloc char[Tokenizer.BufferLength];
        foreach (var run in runs)
        {
            foreach (var theme in run.FailingThemes)
            {
                var tokenizer = new Tokenizer(theme.Label.AsSpan(), buffer);
                while (tokenizer.MoveNext())
                {
                    var term = TermNormalizer.ToTerm(tokenizer.Current, stopWords, scratch);
                    if (term.IsEmpty) continue;
                    var key = term.ToString();
                    if (!byWord.TryGetValue(key, out var entry))
                    {
                        entry = (tokenizer.Current.ToString(), []);
                        byWord.Add(key, entry);
                        order.Add(key);
                    }
                    if (!entry.Mentions.Any(m => ReferenceEquals(m.Run, run) && m.Theme == theme)) entry.Mentions.Add((run, theme));
                }
            }
        }

        return order
            .Select(key => byWord[key])
            .Select(entry => (entry.Display, entry.Mentions, Runs: entry.Mentions.Select(m => m.Run).Distinct().Count()))
            .Where(entry => entry.Runs >= 2)
            .OrderByDescending(entry => entry.Runs)
            .ThenByDescending(entry => entry.Mentions.Sum(m => m.Theme.Count))
            .ThenBy(entry => entry.Display, StringComparer.Ordinal)
            .Take(MaxRecurringThemes)
            .Select(entry => (entry.Display, (IReadOnlyList<(RunDigest, ThemeCount)>)entry.Mentions))
            .ToArray();
    }
}
