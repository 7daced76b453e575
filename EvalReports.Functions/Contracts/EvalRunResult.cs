namespace EvalReports.Contracts;

/// <summary>A scored eval run as the v2 API returns it.</summary>
public sealed record EvalRunResult
{
    public required string EvalRunUuid { get; init; }
    public required string EvalUuid { get; init; }
    public string? Name { get; init; }
    public required string Status { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public Eval? Evaluation { get; init; }
    public string? AiDescription { get; init; }
    public required string WorkspaceUuid { get; init; }
    public double? PassRate { get; init; }
    public int NumPrompts { get; init; }
    public int NumResponsesScored { get; init; }
    public IReadOnlyList<ScoredResponse>? Responses { get; init; }
    public IReadOnlyList<EvalRunExample>? EvalRunExamples { get; init; }
    public bool? IsSandbox { get; init; }
    public bool? ContinueThread { get; init; }
}
