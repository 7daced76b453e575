using System.Text.Json.Nodes;
using EvalReports.Contracts;

namespace EvalReports.Summaries.Llm;

/// <summary>One scored response as a JSON line of a data block, shortened, with its token count.</summary>
/// <param name="Category">The category id ("C1"…) in a categorized run, else null.</param>
public sealed record DataItem(int Number, bool Passed, string? Category, string Line, int Tokens)
{
    public const int MaxPromptChars = 600;
    public const int MaxResponseChars = 800;
    public const int MaxExplanationChars = 600;

    /// <summary>
    /// The scored responses of a run (not excluded, with a verdict, the same rule as the statistics), failing ones
    /// first, numbered in import order. In a categorized run every item carries its category's id. A response whose
    /// content is not text (image, video, audio, file) is described by its content type; its content (often a storage
    /// URL) never reaches the model.
    /// </summary>
    public static IReadOnlyList<DataItem> From(RunSummaryInput input, bool categorized = false) =>
        From(RunFacts.From(input, EmbeddedSummarizer.SummarizeRun(input).Digest));

    public static IReadOnlyList<DataItem> From(RunFacts facts)
    {
        var ids = facts.Categories.ToDictionary(category => category.Name, category => category.Id, StringComparer.Ordinal);
        var items = new List<DataItem>();
        foreach (var item in facts.Analysis.Items)
        {
            var node = new JsonObject
            {
                ["item"] = item.Number,
                ["verdict"] = item.Passed ? "passed" : "failed",
                ["refused_flag"] = item.RefusedFlag,
            };
            string? id = null;
            if (facts.Categorized && item.Category is not null && ids.TryGetValue(item.Category, out var categoryId)) node["category"] = id = categoryId;
            node["prompt"] = Shorten(item.Prompt, MaxPromptChars);
            var type = ContentType(item.Response);
            if (type is null)
            {
                node["response"] = Shorten(ResponseText.Of(item.Response.Content), MaxResponseChars);
            }
            else
            {
                node["content_type"] = type;
                node["response"] = $"({type} response; its content is not shown)";
            }

            node["explanation"] = Shorten(item.Explanation, MaxExplanationChars);
            var line = UntrustedBlock.Line(node);
            items.Add(new DataItem(item.Number, item.Passed, id, line, TokenCounter.Count(line) + 1));
        }

        return [.. items.Where(item => !item.Passed), .. items.Where(item => item.Passed)];
    }

    /// <summary>The content type of a response that is not text ("image", "video"…), else null.</summary>
    internal static string? ContentType(ScoredResponse response)
    {
        var type = response.ContentType?.Trim();
        if (string.IsNullOrEmpty(type) || type.Equals("text", StringComparison.OrdinalIgnoreCase)) return null;
        return Shorten(type.ToLowerInvariant(), 40);
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

    internal static string? Shorten(string? text, int max)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        text = text.Trim();
        if (text.Length <= max) return text;
        if (char.IsHighSurrogate(text[max - 1])) max--;
        return string.Concat(text.AsSpan(0, max), "…");
    }
}
