using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EvalReports.Summaries;

/// <summary>The text of a response's content: the string itself, or the JSON text of any other value.</summary>
public static class ResponseText
{
    private static readonly JsonSerializerOptions JsonTextOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    public static string? Of(JsonNode? content)
    {
        if (content is null) return null;
        if (content is JsonValue value && value.TryGetValue<string>(out var text)) return text;
        return content.ToJsonString(JsonTextOptions);
    }
}
