using System.Text.Json.Nodes;

namespace EvalReports.Summaries;

/// <summary>
/// The system prompts in an eval's <c>ai_instructions</c>, whatever its shape: a string; AgentInstructions
/// <c>{system_prompt, agent_name?, tools?}</c>; or WorkflowInstructions <c>{instructions: [AgentInstructions, …]}</c>
/// (one prompt per agent, in order).
/// </summary>
public static class SystemPrompts
{
    public sealed record Prompt(string? AgentName, string Text);

    public static IReadOnlyList<Prompt> Of(JsonNode? instructions)
    {
        var found = new List<Prompt>();
        Collect(instructions, found, depth: 0);
        return found;
    }

    /// <summary>All system prompts as one text (blank line between agents), for quoting rules; null when there is none.</summary>
    public static string? Joined(JsonNode? instructions)
    {
        var prompts = Of(instructions);
        return prompts.Count == 0 ? null : string.Join("\n\n", prompts.Select(p => p.Text));
    }

    private static void Collect(JsonNode? node, List<Prompt> found, int depth)
    {
        switch (node)
        {
            case JsonValue value when value.TryGetValue<string>(out var text):
                if (!string.IsNullOrWhiteSpace(text)) found.Add(new Prompt(null, text));
                break;
            case JsonObject agent when agent["system_prompt"] is JsonValue prompt && prompt.TryGetValue<string>(out var text):
                if (!string.IsNullOrWhiteSpace(text))
                {
                    found.Add(new Prompt(agent["agent_name"] is JsonValue name && name.TryGetValue<string>(out var n) ? n : null, text));
                }
                break;
            case JsonObject workflow when workflow["instructions"] is JsonArray agents && depth == 0:
                foreach (var item in agents) Collect(item, found, depth + 1);
                break;
        }
    }
}
