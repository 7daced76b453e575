using System.Text.Json;

namespace EvalReports.Summaries.Llm;

/// <summary>
/// What a model wrote for a run with categories, parsed from
/// <c>{"overall": {"passing": …, "failing": …, "advice": …}, "categories": {"C1": {"passing": …, "failing": …, "advice": …}}}</c>
/// (not yet checked). Category keys are the ids of FACTS.categories ("C1", "C2", …), kept exactly as written;
/// <see cref="DuplicateKeys"/> counts keys that appear more than once.
/// </summary>
public sealed record CategoryDraft(IReadOnlyDictionary<string, CategoryDraft.Texts> Categories, int DuplicateKeys, CategoryDraft.Texts Overall)
{
    public const string CategoriesKey = "categories";
    public const string OverallKey = "overall";
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
            if (!texts.TryAdd(category.Name, Read(category.Value))) duplicates++;
        }

        var overall = root.Value.TryGetProperty(OverallKey, out var o) ? Read(o) : new Texts(null, null, null);
        return new CategoryDraft(texts, duplicates, overall);
    }

    private static Texts Read(JsonElement value) => value.ValueKind == JsonValueKind.Object
        ? new Texts(Text(value, PassingKey), Text(value, FailingKey), Text(value, AdviceKey))
        : new Texts(null, null, null);

    private static string? Text(JsonElement entry, string key) =>
        entry.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()?.Trim() : null;
}
