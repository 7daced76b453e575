namespace EvalReports.Contracts;

/// <summary>Body of POST /v2/eval-runs: an already scored eval run to import.</summary>
public sealed record EvalRunImport
{
    public string? EvalUuid { get; init; }
    public string? EvalRunUuid { get; init; }
    public string? Name { get; init; }
    public string? AiDescription { get; init; }
    public Eval? Evaluation { get; init; }
    public IReadOnlyList<EvalPrompt>? Prompts { get; init; }
    public IReadOnlyList<ScoredResponse>? Responses { get; init; }
    public IReadOnlyList<EvalRunExample>? EvalRunExamples { get; init; }
    public bool? IsSandbox { get; init; }
    public bool? ContinueThread { get; init; }
}
