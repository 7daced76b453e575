using EvalReports.Contracts;

namespace EvalReports.Summaries;

/// <summary>One scored response with what the summaries quote from it: its prompt text, content text and explanation.</summary>
internal sealed record ScoredItem(
    ScoredResponse Response,
    string? PromptText,
    string? ContentText,
    string? Explanation,
    string Category,
    bool Passed,
    bool Refused)
{
    public bool HasExplanation => !string.IsNullOrWhiteSpace(Explanation);
}
