using System.Text.Json;

namespace EvalReports.Summaries.Llm;

/// <summary>The three fields a model wrote for one run, parsed from its JSON answer (not yet checked).</summary>
public sealed record SummaryDraft(string? PassingResponsesSummary, string? FailingResponsesSummary, string? ImprovementAdvice)
{
    public const string PassingKey = "passing_responses_summary";
    public const string FailingKey = "failing_responses_summary";
    public const string AdviceKey = "improvement_advice";

    /// <summary>The draft, or null with the reason when the answer is not a JSON object (a ```json fence is tolerated).</summary>
    public static SummaryDraft? Parse(string? answer, out string? problem)
    {
        var root = ModelJson.Object(answer, out problem);
        if (root is null) return null;
        return new SummaryDraft(Text(root.Value, PassingKey), Text(root.Value, FailingKey), Text(root.Value, AdviceKey));
    }

    private static string? Text(JsonElement root, string key) =>
        root.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()?.Trim() : null;
}
