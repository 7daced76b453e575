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
    /// <summary>"image", "video", "audio" or "file" for a file response (described, never quoted), null for text.</summary>
    public string? Media { get; init; }

    /// <summary>True when the refusal was read from the explanation (the ai_refused flag was not true).</summary>
    public bool RefusalFromExplanation { get; init; }

    private string? _contentText;
    private bool _contentRead;

    public bool HasExplanation => Explanation is not null;

    /// <summary>The response's content as text, or null when blank (read on demand: only quoted responses need it).</summary>
    public string? ContentText
    {
        get
        {
            if (_contentRead) return _contentText;
            if (Media is not null)
            {
                _contentRead = true;
                return null;
            }
            var text = ResponseText.Of(Response.Content);
            _contentText = string.IsNullOrWhiteSpace(text) ? null : text;
            _contentRead = true;
            return _contentText;
        }
    }
}
