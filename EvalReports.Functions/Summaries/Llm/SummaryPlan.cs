namespace EvalReports.Summaries.Llm;

/// <summary>
/// How one run's data reaches the model within the token budget: all scored responses in one call when they fit;
/// otherwise map-reduce — chunks of responses (an even sample, failing ones favored, when even
/// <see cref="LlmOptions.MaxMapCalls"/> chunks cannot hold them all), one "map" call per chunk writing notes, then one
/// final call over the notes.
/// </summary>
public sealed record SummaryPlan(bool MapReduce, IReadOnlyList<IReadOnlyList<DataItem>> Chunks)
{
    /// <summary>Share of a too-small budget kept for failing responses (they drive the failing summary and the advice).</summary>
    public const double FailingShare = 0.7;

    public int Sampled => Chunks.Sum(chunk => chunk.Count);

    /// <param name="items">Failing responses first, then passing (see <see cref="DataItem.From"/>).</param>
    /// <param name="singleCallBudget">Data tokens one final call can hold.</param>
    /// <param name="chunkBudget">Data tokens one map call can hold.</param>
    /// <param name="maxChunks">Most map calls.</param>
    public static SummaryPlan Make(IReadOnlyList<DataItem> items, int singleCallBudget, int chunkBudget, int maxChunks)
    {
        if (items.Sum(item => item.Tokens) <= singleCallBudget) return new SummaryPlan(false, [items]);
        if (chunkBudget <= 0 || maxChunks <= 0)
        {
            throw new InvalidOperationException("The context token budget is too small for a map-reduce summary.");
        }

        var fitting = items.Where(item => item.Tokens <= chunkBudget).ToList();
        var largest = fitting.Count == 0 ? 0 : fitting.Max(item => item.Tokens);

        // Greedy chunking leaves less than one item's worth unused per chunk, so this capacity never needs more than maxChunks.
        var capacity = (long)maxChunks * Math.Max(0, chunkBudget - largest);
        var failing = fitting.Where(item => !item.Passed).ToList();
        var passing = fitting.Where(item => item.Passed).ToList();
        var failingTokens = failing.Sum(item => (long)item.Tokens);
        var passingTokens = passing.Sum(item => (long)item.Tokens);
        var failingBudget = Math.Min(failingTokens, Math.Max((long)(capacity * FailingShare), capacity - passingTokens));
        var chosenFailing = Spread(failing, failingBudget);
        var chosenPassing = Spread(passing, capacity - chosenFailing.Sum(item => (long)item.Tokens));

        var chunks = new List<IReadOnlyList<DataItem>>();
        var current = new List<DataItem>();
        var used = 0;
        foreach (var item in chosenFailing.Concat(chosenPassing))
        {
            if (current.Count > 0 && used + item.Tokens > chunkBudget)
            {
                chunks.Add(current);
                current = [];
                used = 0;
            }

            current.Add(item);
            used += item.Tokens;
        }

        if (current.Count > 0) chunks.Add(current);
        return new SummaryPlan(true, chunks);
    }

    /// <summary>An evenly spaced subset (in order) whose tokens fit the budget; all items when they fit.</summary>
    private static List<DataItem> Spread(List<DataItem> items, long budget)
    {
        var total = items.Sum(item => (long)item.Tokens);
        if (total <= budget) return items;
        for (var take = (int)(items.Count * budget / Math.Max(1, total)); take > 0; take--)
        {
            var picked = Enumerable.Range(0, take).Select(i => items[(int)((long)i * items.Count / take)]).ToList();
            if (picked.Sum(item => (long)item.Tokens) <= budget) return picked;
        }

        return [];
    }
}
