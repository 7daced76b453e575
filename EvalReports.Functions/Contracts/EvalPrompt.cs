namespace EvalReports.Contracts;

/// <summary>A prompt of an eval run; its category drives the per-category sections of accuracy summaries.</summary>
public sealed record EvalPrompt
{
    public string? PromptUuid { get; init; }
    public string? Content { get; init; }
    public string? Category { get; init; }
}
