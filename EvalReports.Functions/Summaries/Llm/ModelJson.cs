using System.Text.Json;

namespace EvalReports.Summaries.Llm;

/// <summary>Reads a model's answer as one JSON object.</summary>
public static class ModelJson
{
    public static JsonElement? Object(string? answer, out string? problem)
    {
        problem = null;
        var text = answer?.Trim() ?? string.Empty;
        if (text.StartsWith("```", StringComparison.Ordinal))
        {
            var firstLine = text.IndexOf('\n');
            var lastFence = text.LastIndexOf("```", StringComparison.Ordinal);
            text = firstLine > 0 && lastFence > firstLine ? text[(firstLine + 1)..lastFence].Trim() : text;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object) return document.RootElement.Clone();
            problem = "the answer is JSON but not an object";
            return null;
        }
        catch (JsonException)
        {
            problem = "the answer is not valid JSON";
            return null;
        }
    }
}
