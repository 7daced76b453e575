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
        _names = Names(runs);
        try
        {
            return new SuiteSummary(Passing(runs), Failing(runs), Advice(runs));
        }
        finally
        {
            _names = null;
        }
    }

    [ThreadStatic] private static Dictionary<RunDigest, string>? _names;

    /// <summary>The run's name; when two runs of the suite share a name, followed by the first 8 characters of its uuid.</summary>
    private static string NameOf(RunDigest run) => _names is not null && _names.TryGetValue(run, out var name) ? name : BaseName(run);

    private static string BaseName(RunDigest run) => string.IsNullOrWhiteSpace(run.Name) ? run.EvalRunUuid : run.Name;

    private static Dictionary<RunDigest, string> Names(IReadOnlyList<RunDigest> runs)
    {
        var repeated = runs.GroupBy(BaseName, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var names = new Dictionary<RunDigest, string>(ReferenceEqualityComparer.Instance);
        foreach (var run in runs)
        {
            var name = BaseName(run);
            names[run] = repeated.Contains(name) && name != run.EvalRunUuid ? $"{name} ({run.EvalRunUuid[..Math.Min(8, run.EvalRunUuid.Length)]})" : name;
        }
        return names;
    }

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

        var candidates = runs.Where(run => run.Scored > 0 && run.Passed > 0).ToList();
        var strongest = candidates.OrderBy(run => run, WeakestFirst).LastOrDefault();
        if (strongest is not null && runs.Count > 1)
        {
            var tied = candidates.Where(run => SameRate(run, strongest)).ToList();
            text.Append(tied.Count == 1
                ? $"\nStrongest run: {NameOf(strongest)}, {Num(strongest.Passed)} of {Num(strongest.Scored)} passed ({Percent.Format(strongest.Passed, strongest.Scored)}%)."
                : $"\nStrongest runs, tied at {Percent.Format(strongest.Passed, strongest.Scored)}% passed: {Join(tied.Select(NameOf))}.");
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

        var scoredRuns = runs.Where(run => run.Scored > 0).ToList();
        var weakest = scoredRuns.OrderBy(run => run, WeakestFirst).First();
        var weakestTied = scoredRuns.Where(run => SameRate(run, weakest)).ToList();
        if (runs.Count > 1)
        {
            text.Append(weakestTied.Count == 1
                ? $"\nWeakest run: {NameOf(weakest)}, {Num(weakest.Failed)} of {Num(weakest.Scored)} failed ({Percent.Format(weakest.Failed, weakest.Scored)}%)"
                : $"\nWeakest runs, tied at {Percent.Format(weakest.Failed, weakest.Scored)}% failed: {Join(weakestTied.Select(NameOf))}");
            var worstTheme = weakest.FailingThemes.FirstOrDefault();
            text.Append(worstTheme is null ? "." : $"; its biggest problem: {Said(worstTheme)} ({Count(worstTheme.Count, "response")}).");
        }

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
            text.Append(recurring.Count == 1 ? "\nWhat recurs across runs:" : "\nWhat recurs across runs, most widespread first:");
            foreach (var (_, mentions) in recurring)
            {
                var first = mentions[0].Theme;
                var runCount = mentions.Select(m => m.Run).Distinct().Count();
                text.Append($"\n- {Said(first)}, in {Num(runCount)} runs: ");
                text.AppendJoin("; ", mentions.GroupBy(m => m.Run).Select(g => $"{NameOf(g.Key)} ({Count(g.Sum(m => m.Theme.Count), "response")})"));
            }
        }
        else if (runs.Count > 1)
        {
            text.Append("\nNo failure pattern recurs in more than one run: each run failed for its own reasons.");
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

    private static bool SameRate(RunDigest a, RunDigest b) => (long)a.Passed * b.Scored == (long)b.Passed * a.Scored;

    private static string Join(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count <= 1 ? string.Concat(list) : string.Join(", ", list.Take(list.Count - 1)) + " and " + list[^1];
    }

    /// <summary>A failure pattern in words: "the AI gave …" when its label is a predicate.</summary>
    private static string Said(ThemeCount theme) => theme.Predicate ? "the AI " + theme.Label : theme.Label;

    private static string RunLine(RunDigest run, bool passing)
    {
        var type = string.IsNullOrWhiteSpace(run.EvalType) ? string.Empty : $" ({run.EvalType})";
        if (run.Scored == 0) return $"{NameOf(run)}{type}: no scored responses.";
        return passing
            ? $"{NameOf(run)}{type}: {Num(run.Passed)} of {Num(run.Scored)} passed ({Percent.Format(run.Passed, run.Scored)}%)."
            : $"{NameOf(run)}{type}: {Num(run.Failed)} of {Num(run.Scored)} failed ({Percent.Format(run.Failed, run.Scored)}%)" +
              (run.FailingThemes.Count > 0 ? $"; most often {Said(run.FailingThemes[0])} ({Count(run.FailingThemes[0].Count, "response")})." : ".");
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

    /// <summary>
    /// Failure patterns found in at least two runs: two runs' labels are the same pattern when they share at least two
    /// content words (plurals folded), or all of a label's words when it has fewer. Most runs, then most responses first.
    /// </summary>
    private static IReadOnlyList<(string Key, IReadOnlyList<(RunDigest Run, ThemeCount Theme)> Mentions)> RecurringThemes(IReadOnlyList<RunDigest> runs)
    {
        var stopWords = StopWords.ForLanguage("en");
        var all = runs.SelectMany(run => run.FailingThemes.Select(theme => (Run: run, Theme: theme, Words: Terms(theme.Label, stopWords)))).ToList();
        var groups = new List<List<(RunDigest Run, ThemeCount Theme, HashSet<string> Words)>>();
        foreach (var mention in all)
        {
            var home = groups.FirstOrDefault(g => g.Any(m => Same(m.Words, mention.Words)));
            if (home is null) groups.Add([mention]);
            else home.Add(mention);
        }
        return groups
            .Select(g => (Group: g, Runs: g.Select(m => m.Run).Distinct().Count(), Responses: g.Sum(m => m.Theme.Count)))
            .Where(g => g.Runs >= 2)
            .OrderByDescending(g => g.Runs)
            .ThenByDescending(g => g.Responses)
            .ThenBy(g => g.Group[0].Theme.Label, StringComparer.Ordinal)
            .Take(MaxRecurringThemes)
            .Select(g => (g.Group[0].Theme.Label, (IReadOnlyList<(RunDigest, ThemeCount)>)g.Group.OrderByDescending(m => m.Theme.Count).Select(m => (m.Run, m.Theme)).ToArray()))
            .ToArray();

        static bool Same(HashSet<string> a, HashSet<string> b)
        {
            var shared = a.Count(b.Contains);
            return shared >= 2 || (shared >= 1 && Math.Min(a.Count, b.Count) == shared);
        }
    }

    private static HashSet<string> Terms(string label, StopWords stopWords)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        Span<char> buffer = stackalloc char[Tokenizer.BufferLength];
        Span<char> scratch = stackalloc char[Tokenizer.BufferLength];
        var tokenizer = new Tokenizer(label.AsSpan(), buffer);
        while (tokenizer.MoveNext())
        {
            var term = TermNormalizer.ToTerm(tokenizer.Current, stopWords, scratch);
            if (!term.IsEmpty && !Generic.Contains(term.ToString())) terms.Add(term.ToString());
        }
        return terms;
    }

    /// <summary>Words that say nothing about which pattern it is (every safety failure "gave" or "provided" something).</summary>
    private static readonly HashSet<string> Generic = new(StringComparer.Ordinal)
    {
        "gave", "give", "gives", "provided", "provide", "provides", "explained", "explain", "explains", "specific", "request", "user",
        "information", "answer", "told", "tell", "tells", "helped", "help", "helps", "explanation", "mention",
    };
}
