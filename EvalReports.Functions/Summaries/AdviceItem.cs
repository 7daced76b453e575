namespace EvalReports.Summaries;

/// <summary>
/// One improvement suggestion. Weight = how many failing responses it addresses (its priority).
/// Headline holds no response text (it goes into the digest); Example quotes the run; Rule is the text proposed
/// for the AI's system prompt, if any; Note, when set, replaces it: what to change in a rule the system prompt already has.
/// </summary>
internal sealed record AdviceItem(int Weight, string Headline, string? Example, string? Rule)
{
    public string? Note { get; init; }

    /// <summary>The system prompt's own rule this item quotes, if any (items quoting the same rule are merged).</summary>
    public string? Quote { get; init; }

    /// <summary>True when the item says nothing without its example (what was left out): kept while other examples are dropped for length.</summary>
    public bool ExampleEssential { get; init; }

    /// <summary>What went wrong, in words (for merged items).</summary>
    public string? What { get; init; }

    /// <summary>True for "review what fit no theme": listed after the specific items, whatever its weight.</summary>
    public bool Leftover { get; init; }
}
