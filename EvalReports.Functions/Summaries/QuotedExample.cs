namespace EvalReports.Summaries;

/// <summary>One response as verbatim, quoted lines: its prompt, its content and the scorer's explanation (each when known).</summary>
internal static class QuotedExample
{
    public const int PromptLength = 120;
    public const int ContentLength = 140;
    public const int ExplanationLength = 180;

    public static IReadOnlyList<string> Lines(ScoredItem item, bool withContent)
    {
        var lines = new List<string>(3);
        if (item.PromptText is not null) lines.Add("Prompt: " + Excerpt.Quote(item.PromptText, PromptLength));
        if (withContent && item.ContentText is not null) lines.Add("Response: " + Excerpt.Quote(item.ContentText, ContentLength));
        if (item.Explanation is not null) lines.Add("Explanation: " + Excerpt.Quote(item.Explanation, ExplanationLength));
        return lines;
    }
}
