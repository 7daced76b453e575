using System.Text.Json.Nodes;
using EvalReports.Contracts;

namespace EvalReports.Summaries.Llm;

/// <summary>One scored response as a JSON line of a data block, shortened, with its token count.</summary>
public sealed record DataItem(int Number, bool Passed, string? Category, string Line, int Tokens)
{
    public const int MaxPromptChars = 600;
    public const int MaxResponseChars = 800;
    public const int MaxExplanationChars = 600;

    /// <summary>
    /// The scored responses of a run (not excluded, with a verdict, the same rule as the statistics), failing ones
    /// first, numbered in import order. In a <paramref name="categorized"/> run every item names its category, with the
    /// embedded summarizer's rule (no category → "uncategorized"), so notes and texts can be attributed per category.
    /// </summary>
    public static IReadOnlyList<DataItem> From(RunSummaryInput input, bool categorized = false)
    {
        var prompts = new Dictionary<string, EvalPrompt>(StringComparer.Ordinal);
        foreach (var prompt in input.Prompts ?? [])
        {
            if (prompt?.PromptUuid is not null) prompts.TryAdd(prompt.PromptUuid, prompt);
        }

        var items = new List<DataItem>();
        var number = 0;
        foreach (var response in input.Responses ?? [])
        {
            if (response is null || response.ExcludeFromScoring == true || response.IsPassed is null) continue;
            number++;
            EvalPrompt? prompt = null;
            if (response.PromptUuid is not null) prompts.TryGetValue(response.PromptUuid, out prompt);
            var node = new JsonObject
            {
                ["item"] = number,
                ["verdict"] = response.IsPassed == true ? "passed" : "failed",
                ["refused"] = response.AiRefused == true,
            };
            var category = string.IsNullOrWhiteSpace(prompt?.Category) ? (categorized ? RunAnalysis.Uncategorized : null) : prompt.Category;
            if (category is not null) node["category"] = category;
            node["prompt"] = Shorten(prompt?.Content, MaxPromptChars);
            node["response"] = Shorten(ContentText(response.Content), MaxResponseChars);
            node["explanation"] = Shorten(response.Explanation, MaxExplanationChars);
            var line = UntrustedBlock.Line(node);
            items.Add(new DataItem(number, response.IsPassed == true, categorized ? category : null, line, TokenCounter.Count(line) + 1));
        }

        return [.. items.Where(item => !item.Passed), .. items.Where(item => item.Passed)];
    }

    /// <summary>The header line: who was tested and its instructions (also untrusted: user-supplied).</summary>
    public static string HeaderLine(RunSummaryInput input)
    {
        var header = new JsonObject();
        void Add(string key, string? text)
        {
            if (text is not null) header[key] = text;
        }

        Add("run_name", Shorten(input.Run.Name ?? input.Run.Evaluation?.Name, 200));
        Add("ai_description", Shorten(input.Run.AiDescription ?? input.Run.Evaluation?.AiDescription, 600));
        Add("ai_instructions", Shorten(SystemPrompts.Joined(input.Run.Evaluation?.AiInstructions), 1_200));
        return UntrustedBlock.Line(header);
    }

    private static string? ContentText(JsonNode? content) => content switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => content.ToJsonString(),
    };

    private static string? Shorten(string? text, int max)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        text = text.Trim();
        if (text.Length <= max) return text;
        if (char.IsHighSurrogate(text[max - 1])) max--;
        return string.Concat(text.AsSpan(0, max), "…");
    }
}
