using System.Text.Json;

namespace EvalReports.Summaries.Llm;

/// <summary>The notes one map call wrote about one chunk of a large run.</summary>
public static class MapNotes
{
    public const string Key = "notes";
    public const int MaxChars = 1_500;

    /// <summary>The notes, or null with the reason (not JSON, no "notes" string, empty, too long).</summary>
    public static string? Parse(string? answer, out string? problem)
    {
        var root = ModelJson.Object(answer, out problem);
        if (root is null) return null;
        if (!root.Value.TryGetProperty(Key, out var notes) || notes.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(notes.GetString()))
        {
            problem = $"\"{Key}\" is missing or empty";
            return null;
        }

        var text = notes.GetString()!.Trim();
        if (text.Length > MaxChars)
        {
            problem = $"\"{Key}\" is longer than {MaxChars} characters";
            return null;
        }

        return text;
    }
}
