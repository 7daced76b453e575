using System.Text.Json.Nodes;

namespace EvalReports.Contracts;

/// <summary>The eval definition (Aymara's Eval object) that an eval run was scored against.</summary>
public sealed record Eval
{
    public string? EvalUuid { get; init; }
    public string? Name { get; init; }
    public string? AiDescription { get; init; }
    /// <summary>
    /// A string, AgentInstructions <c>{system_prompt, agent_name?, tools?}</c> or WorkflowInstructions
    /// <c>{instructions: [AgentInstructions, …]}</c>, kept as sent (see Runs/EvalShapes).
    /// </summary>
    public JsonNode? AiInstructions { get; init; }
    public string? EvalType { get; init; }
    public string? EvalInstructions { get; init; }
    public string? Language { get; init; } = "en";
    public string? Modality { get; init; } = "text";
    /// <summary>A string or a FileReference <c>{file_uuid?, remote_file_path?}</c>, kept as sent.</summary>
    public JsonNode? GroundTruth { get; init; }
    public int? NumPrompts { get; init; }
    public IReadOnlyList<PromptExample>? PromptExamples { get; init; }
    public bool? IsJailbreak { get; init; }
    public bool? IsSandbox { get; init; }
    public string? WorkspaceUuid { get; init; }
    public string? Status { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
    public string? CreatedBy { get; init; }
    public int? TaskTimeout { get; init; }
}

public sealed record PromptExample
{
    public string? Content { get; init; }
    public string? ExampleUuid { get; init; }
    public string? Type { get; init; }
    public string? Explanation { get; init; }
}
