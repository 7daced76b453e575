using EvalReports.Contracts;

namespace EvalReports.Stats;

/// <summary>Counts a run's responses into <see cref="ReportStats"/>, and adds runs up into the suite's.</summary>
public static class StatsCalculator
{
    public const string Uncategorized = "uncategorized";

    public static ReportStats ForRun(IReadOnlyList<EvalPrompt> prompts, IReadOnlyList<ScoredResponse> responses)
    {
        // The eval's category order: the order in which its prompts first name each category.
        var categoryOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var prompt in prompts)
        {
            if (prompt?.PromptUuid is null || string.IsNullOrWhiteSpace(prompt.Category))
            {
                continue;
            }

            categoryOf.TryAdd(prompt.PromptUuid, prompt.Category);
            if (!order.Contains(prompt.Category, StringComparer.Ordinal))
            {
                order.Add(prompt.Category);
            }
        }

        var total = new Tally();
        var byCategory = new Dictionary<string, Tally>(StringComparer.Ordinal);
        foreach (var response in responses)
        {
            if (response is null)
            {
                continue;
            }

            total.Add(response);
            if (order.Count > 0)
            {
                var category = response.PromptUuid is not null && categoryOf.TryGetValue(response.PromptUuid, out var c) ? c : Uncategorized;
                if (!byCategory.TryGetValue(category, out var tally))
                {
                    byCategory[category] = tally = new Tally();
                }

                tally.Add(response);
            }
        }

        if (byCategory.ContainsKey(Uncategorized) && !order.Contains(Uncategorized))
        {
            order.Add(Uncategorized);
        }

        return total.ToStats(order.Where(byCategory.ContainsKey).Select(category => byCategory[category].ToCategory(category)).ToList());
    }

    /// <summary>The suite: the runs' counts added up; categories merged by name, in order of first appearance.</summary>
    public static ReportStats ForSuite(IEnumerable<ReportStats?> runs)
    {
        var total = new Tally();
        var categories = new List<string>();
        var byCategory = new Dictionary<string, Tally>(StringComparer.Ordinal);
        foreach (var run in runs.OfType<ReportStats>())
        {
            total.Add(run.Scored, run.Passed, run.Excluded, run.Refused);
            foreach (var category in run.ByCategory)
            {
                if (!byCategory.TryGetValue(category.Category, out var tally))
                {
                    byCategory[category.Category] = tally = new Tally();
                    categories.Add(category.Category);
                }

                tally.Add(category.Scored, category.Passed, category.Excluded, category.Refused);
            }
        }

        return total.ToStats(categories.Select(category => byCategory[category].ToCategory(category)).ToList());
    }

    public static IReadOnlyList<double>? Interval(int passed, int scored) =>
        Proportions.Wilson(passed, scored) is var (low, high) ? [low, high] : null;

    private sealed class Tally
    {
        private int scored, passed, excluded, refused;

        public void Add(ScoredResponse response)
        {
            if (response.ExcludeFromScoring == true || response.IsPassed is null)
            {
                excluded++;
                return;
            }

            scored++;
            passed += response.IsPassed == true ? 1 : 0;
            refused += response.AiRefused == true ? 1 : 0;
        }

        public void Add(int scoredCount, int passedCount, int excludedCount, int refusedCount)
        {
            scored += scoredCount;
            passed += passedCount;
            excluded += excludedCount;
            refused += refusedCount;
        }

        public ReportStats ToStats(IReadOnlyList<CategoryStats> categories) => new()
        {
            Scored = scored,
            Passed = passed,
            Failed = scored - passed,
            Excluded = excluded,
            Refused = refused,
            PassRate = scored == 0 ? null : (double)passed / scored,
            PassRateCi95 = Interval(passed, scored),
            ByCategory = categories,
        };

        public CategoryStats ToCategory(string category) => new()
        {
            Category = category,
            Scored = scored,
            Passed = passed,
            Failed = scored - passed,
            Excluded = excluded,
            Refused = refused,
            PassRate = scored == 0 ? null : (double)passed / scored,
            PassRateCi95 = Interval(passed, scored),
        };
    }
}
