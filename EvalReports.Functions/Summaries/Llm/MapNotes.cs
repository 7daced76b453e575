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

    /// <summary>
    /// Notes per category, from <c>{"notes": {"&lt;category&gt;": "…"}}</c>: exactly the <paramref name="categories"/>
    /// (category ids) of the chunk as keys (matched exactly), each non-empty, together at most <see cref="MaxChars"/> characters.
    /// Or null with the reason (written by code, naming no category).
    /// </summary>
    public static IReadOnlyList<(string Category, string Notes)>? ParseByCategory(string? answer, IReadOnlyCollection<string> categories, out string? problem)
    {
        var root = ModelJson.Object(answer, out problem);
        if (root is null) return null;
        if (!root.Value.TryGetProperty(Key, out var notes) || notes.ValueKind != JsonValueKind.Object)
        {
            problem = $"\"{Key}\" is missing or not an object";
            return null;
        }

        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in notes.EnumerateObject())
        {
            var text = entry.Value.ValueKind == JsonValueKind.String ? entry.Value.GetString()?.Trim() : null;
            if (!categories.Contains(entry.Name, StringComparer.Ordinal) || string.IsNullOrEmpty(text) || !found.TryAdd(entry.Name, text))
            {
                problem = $"every key of \"{Key}\" must be one category id of the data, exactly, once, with non-empty notes";
                return null;
            }
        }

        if (found.Count != categories.Count)
        {
            problem = $"\"{Key}\" must have one key for each of the {categories.Count} categories in the data";
            return null;
        }

        if (found.Values.Sum(text => text.Length) > MaxChars)
        {
            problem = $"the notes are longer than {MaxChars} characters together";
            return null;
        }

        return [.. categories.Select(category => (category, found[category]))];
    }
}
