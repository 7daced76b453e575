using System.Text.Json.Nodes;
using EvalReports.Contracts;
using EvalReports.Errors;
using EvalReports.Storage;

namespace EvalReports.Reports;

/// <summary>
/// <c>include_responses=true</c> puts every response of every run into one reply, so it is capped: at most
/// <see cref="MaxResponses"/> responses (checked from the run headers before any is read) and
/// <see cref="MaxChars"/> characters of response text (checked while reading, so memory stays within the cap). Beyond
/// either, 422 names the paged <c>/v2/eval-runs/{id}/responses</c> of each run instead.
/// </summary>
public static class IncludedResponses
{
    /// <summary>A 100-run suite of 50 responses each still fits; bigger suites page their responses.</summary>
    public const int MaxResponses = 5_000;

    /// <summary>About 10 MB of strings in memory and ~5–10 MB of JSON on the wire: one reply a client can hold.</summary>
    public const long MaxChars = 5_000_000;

    public static void CheckCount(IReadOnlyList<StoredEvalRun> runs)
    {
        var total = runs.Sum(r => (long)r.ResponseCount);
        if (total > MaxResponses)
        {
            throw TooLarge(runs, $"The report's runs hold {total} responses, more than the {MaxResponses} include_responses returns at once.");
        }
    }

    /// <summary>Adds one response's text to <paramref name="chars"/>; 422 once the total passes <see cref="MaxChars"/>.</summary>
    public static long Add(long chars, ScoredResponse response, IReadOnlyList<StoredEvalRun> runs)
    {
        chars += (response.Content is JsonValue v && v.TryGetValue<string>(out var text) ? text.Length : response.Content?.ToJsonString().Length ?? 0)
            + (response.Explanation?.Length ?? 0) + (response.NextPrompt?.Content?.Length ?? 0);
        return chars <= MaxChars
            ? chars
            : throw TooLarge(runs, $"The report's responses hold more than {MaxChars:N0} characters, more than include_responses returns at once.");
    }

    private static ApiException TooLarge(IReadOnlyList<StoredEvalRun> runs, string message) =>
        new(422, "validation.invalid_request", message + " Page them with GET /v2/eval-runs/{eval_run_uuid}/responses.",
            new Dictionary<string, object?>
            {
                ["field"] = "include_responses",
                ["max_responses"] = MaxResponses,
                ["max_chars"] = MaxChars,
                ["responses_urls"] = runs.Select(r => $"/v2/eval-runs/{r.Run.EvalRunUuid}/responses").ToList(),
            });
}
