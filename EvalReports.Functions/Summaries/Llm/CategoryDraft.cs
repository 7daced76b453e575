using System.Text.Json;

namespace EvalReports.Summaries.Llm;

/// <summary>
/// What a model wrote for a run with categories, parsed from
/// <c>{"categories": {"&lt;name&gt;": {"passing": …, "failing": …, "advice": …}}}</c> (not yet checked). Keys are kept
/// exactly as written; <see cref="DuplicateKeys"/> counts names that appear more than once.
/// </summary>
public sealed record CategoryDraft(IReadOnlyDictionary<string, CategoryDraft.Texts> Categories, int DuplicateKeys)
{
    public const string CategoriesKey = "categories";
    public const string PassingKey = "passing";
    public const string FailingKey = "failing";
    public const string AdviceKey = "advice";

    public sealed record Texts(string? Passing, string? Failing, string? Advice);

    /// <summary>The draft, or null with the reason when the answer is not a JSON object with a "categories" object.</summary>
    public static CategoryDraft? Parse(string? answer, out string? problem)
    {
        var root = ModelJson.Object(answer, out problem);
        if (root is null) return null;
        if (!root.Value.TryGetProperty(CategoriesKey, out var categories) || categories.ValueKind != JsonValueKind.Object)
        {
            problem = $"\"{CategoriesKey}\" is missing or not an object";
            return null;
        }

        var texts = new Dictionary<string, Texts>(StringComparer.Ordinal);
        var duplicates = 0;
        foreach (var category in categories.EnumerateObject())
        {
            var value = category.Value;
            var entry = value.ValueKind == JsonValueKind.Object
                ? new Texts(Text(value, PassingKey), Text(value, FailingKey), Text(value, AdviceKey))
                : new Texts(null, null, null);
            if (!texts.TryAdd(category.Name, entry)) duplicates++;
        }

        return new CategoryDraft(texts, duplicates);
    }

    private static string? Text(JsonElement entry, string key) =>
        entry.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()?.Trim() : null;
}
