using System.Text.Json.Nodes;

namespace EvalReports.Contracts;

/// <summary>One AI response to a prompt, with the scorer's verdict.</summary>
public sealed record ScoredResponse
{
    public string? PromptUuid { get; init; }
    public string? ThreadUuid { get; init; }
    public int? TurnNumber { get; init; } = 1;
    public bool? ContinueThread { get; init; }
    public JsonNode? Content { get; init; }
    public string? ContentType { get; init; } = "text";
    public bool? ExcludeFromScoring { get; init; }
    public bool? AiRefused { get; init; }
    public string? ResponseUuid { get; init; }
    public string? Explanation { get; init; }
    public double? Confidence { get; init; }
    public bool? IsPassed { get; init; }
    public NextPrompt? NextPrompt { get; init; }
    public bool? ManuallyUpdated { get; init; }
    public DateTimeOffset? ManuallyUpdatedAt { get; init; }
    public JsonObject? ManuallyUpdatedBy { get; init; }
    public IReadOnlyList<JsonObject?>? UpdateHistory { get; init; }

    public bool IsScored => ExcludeFromScoring != true;
}

public sealed record NextPrompt
{
    public string? PromptUuid { get; init; }
    public string? ThreadUuid { get; init; }
    public int? TurnNumber { get; init; }
    public string? Content { get; init; }
    public string? Category { get; init; }
}
