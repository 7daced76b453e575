using EvalReports.Contracts;

namespace EvalReports.Summaries;

/// <summary>
/// One scored response with what the summaries quote from it: its prompt text, content text and explanation, and
/// where its explanation is in the run's <see cref="ThemeCorpus"/> (-1 without one).
/// </summary>
internal sealed record ScoredItem(
    ScoredResponse Response,
    string? PromptText,
    string? Explanation,
    string Category,
    bool Passed,
    bool Refused,
    int ExplanationIndex)
{
    private string? _contentText;
    private bool _contentRead;

    public bool HasExplanation => Explanation is not null;

    /// <summary>The response's content as text, or null when blank (read on demand: only quoted responses need it).</summary>
    public string? ContentText
    {
        get
        {
            if (_contentRead) return _contentText;
            var text = ResponseText.Of(Response.Content);
            _contentText = string.IsNullOrWhiteSpace(text) ? null : text;
            _contentRead = true;
            return _contentText;
        }
    }
}
