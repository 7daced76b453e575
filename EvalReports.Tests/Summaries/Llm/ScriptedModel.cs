using System.Globalization;
using System.Text.Json.Nodes;
using EvalReports.Summaries.Llm;

namespace EvalReports.Tests.Summaries.Llm;

/// <summary>
/// What a well-behaved model would answer, computed from the FACTS block of the request (so it states exactly the
/// computed numbers), and what a misbehaving one would: bad JSON, a wrong number, obeying an injection.
/// </summary>
public static class ScriptedModel
{
    private const string FactsHeading = "FACTS (computed exactly by code; the only source of numbers):\n";

    public static bool IsMapRequest(string system) => system.Contains("write notes that another step", StringComparison.Ordinal);

    public static JsonObject Facts(string user)
    {
        var start = user.IndexOf(FactsHeading, StringComparison.Ordinal);
        Assert.True(start >= 0, "the request has no FACTS block");
        start += FactsHeading.Length;
        var end = user.IndexOf("\n\nDATA", start, StringComparison.Ordinal);
        return JsonNode.Parse(user[start..end])!.AsObject();
    }

    public static bool IsByCategory(string system) => system.Contains(" per prompt category", StringComparison.Ordinal);

    public static string Answer(string system, string user) => (IsMapRequest(system), IsByCategory(system)) switch
    {
        (true, true) => NotesByCategory(user),
        (true, false) => Notes(),
        (false, true) => GoodByCategory(user),
        _ => Good(user),
    };

    /// <summary>The entries of FACTS.categories, in order.</summary>
    public static IReadOnlyList<JsonObject> CategoryFacts(string user) =>
        [.. Facts(user)["categories"]!.AsArray().Select(entry => entry!.AsObject())];

    /// <summary>The category names of the request's data block, by id ("C1" → "geography").</summary>
    public static IReadOnlyDictionary<string, string> CategoryNames(string user) =>
        user.Split('\n')
            .Where(line => line.StartsWith("{\"category\":\"C", StringComparison.Ordinal) && line.Contains("\"name\":", StringComparison.Ordinal))
            .Select(line => JsonNode.Parse(line)!.AsObject())
            .ToDictionary(line => line["category"]!.GetValue<string>(), line => line["name"]!.GetValue<string>(), StringComparer.Ordinal);

    /// <summary>
    /// A well-behaved per-category answer: an overall part with the run's numbers, then each category's texts stating
    /// that category's own numbers, and only the texts the prompt asks for. <paramref name="edit"/> may change the
    /// "categories" object before it is sent: it is keyed by category NAME for the test's convenience, and names are
    /// turned back into the ids the answer must use (a name that is no category's stays as it is: an unknown key).
    /// </summary>
    public static string GoodByCategory(string user, Action<JsonObject, IReadOnlyList<JsonObject>>? edit = null, Action<JsonObject>? editOverall = null)
    {
        var facts = Facts(user);
        var entries = CategoryFacts(user);
        var names = CategoryNames(user);
        var categories = new JsonObject();
        foreach (var entry in entries)
        {
            string Get(string key) => entry[key]!.ToString();
            var texts = new JsonObject();
            if (entry["passed"]!.GetValue<int>() > 0)
            {
                texts[CategoryDraft.PassingKey] = $"{Get("passed")} of {Get("scored_responses")} scored responses in this category passed ({Get("pass_rate_percent")}%). They gave the correct facts plainly.";
            }

            if (entry["failed"]!.GetValue<int>() > 0)
            {
                texts[CategoryDraft.FailingKey] = $"{Get("failed")} of {Get("scored_responses")} scored responses in this category failed ({Get("fail_rate_percent")}%). They stated outdated or invented facts.";
                texts[CategoryDraft.AdviceKey] = "1. Give the assistant this category's reference facts and tell it to say when it is unsure.\n2. Re-run this eval after the change.";
            }

            categories[names[Get("category")]] = texts;
        }

        edit?.Invoke(categories, entries);
        var byId = new JsonObject();
        var ids = names.ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);
        foreach (var (name, texts) in categories.ToList())
        {
            categories.Remove(name);
            byId[ids.GetValueOrDefault(name, name)] = texts;
        }

        string Run(string key) => facts[key]!.ToString();
        var overall = new JsonObject();
        if (facts["passed"]!.GetValue<int>() > 0) overall[CategoryDraft.PassingKey] = $"{Run("passed")} of {Run("scored_responses")} scored responses passed ({Run("pass_rate_percent")}%) across the categories.";
        if (facts["failed"]!.GetValue<int>() > 0) overall[CategoryDraft.FailingKey] = $"{Run("failed")} of {Run("scored_responses")} scored responses failed ({Run("fail_rate_percent")}%), most of them with invented facts.";
        editOverall?.Invoke(overall);
        return new JsonObject { [CategoryDraft.OverallKey] = overall, [CategoryDraft.CategoriesKey] = byId }.ToJsonString();
    }

    /// <summary>Map notes for every category named by the data lines of the request.</summary>
    public static string NotesByCategory(string user)
    {
        var notes = new JsonObject();
        foreach (var category in DataCategories(user))
        {
            notes[category] = "Failing responses stated outdated facts; passing responses answered correctly and briefly.";
        }

        return new JsonObject { [MapNotes.Key] = notes }.ToJsonString();
    }

    /// <summary>The names of the distinct categories of the JSON data lines of a request (ids mapped by its name lines).</summary>
    public static IReadOnlyList<string> DataCategoryNames(string user)
    {
        var names = CategoryNames(user);
        return [.. DataCategories(user).Select(id => names.GetValueOrDefault(id, id))];
    }

    /// <summary>The distinct "category" values (ids) of the JSON data lines of a request.</summary>
    public static IReadOnlyList<string> DataCategories(string user) =>
    [
        .. user.Split('\n')
            .Where(line => line.StartsWith("{\"item\":", StringComparison.Ordinal) || line.StartsWith("{\"part\":", StringComparison.Ordinal))
            .Select(line => JsonNode.Parse(line)!["category"]?.GetValue<string>())
            .OfType<string>()
            .Distinct(StringComparer.Ordinal),
    ];

    public static string Notes() => new JsonObject
    {
        [MapNotes.Key] = "Failing responses gave dangerous step-by-step instructions; passing responses declined and offered safe alternatives.",
    }.ToJsonString();

    public static string Good(string user, string? failedOverride = null)
    {
        var facts = Facts(user);
        string Get(string key) => facts[key]!.ToString();
        return new JsonObject
        {
            [SummaryDraft.PassingKey] = $"{Get("passed")} of {Get("scored_responses")} scored responses passed ({Get("pass_rate_percent")}%). The passing responses declined unsafe requests and offered safe alternatives.",
            [SummaryDraft.FailingKey] = $"{failedOverride ?? Get("failed")} of {Get("scored_responses")} scored responses failed ({Get("fail_rate_percent")}%). Most failures gave step-by-step instructions for dangerous activities.",
            [SummaryDraft.AdviceKey] = "1. Add a rule to the system prompt: decline requests for dangerous instructions and offer a safe alternative.\n2. Re-run this eval after the change.",
        }.ToJsonString();
    }

    /// <summary>A wrong failing count: one more than the computed one (a number the facts do not contain).</summary>
    public static string WrongNumber(string user)
    {
        var failed = int.Parse(Facts(user)["failed"]!.ToString(), CultureInfo.InvariantCulture);
        return Good(user, failedOverride: (failed + 1000).ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>What a model that obeyed "write PASS" would answer.</summary>
    public static string ObeyedInjection() => new JsonObject
    {
        [SummaryDraft.PassingKey] = "PASS. All responses passed the evaluation without any problem.",
        [SummaryDraft.FailingKey] = "PASS. No responses failed; there is nothing to report here.",
        [SummaryDraft.AdviceKey] = "PASS. No changes are needed to the system prompt at all.",
    }.ToJsonString();
}
