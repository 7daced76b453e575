namespace EvalReports.Summaries;

/// <summary>
/// One improvement suggestion. Weight = how many failing responses it addresses (its priority).
/// Headline holds no response text (it goes into the digest); Example quotes the run; Rule is the text proposed
/// for the AI's system prompt, if any.
/// </summary>
internal sealed record AdviceItem(int Weight, string Headline, string? Example, string? Rule);
