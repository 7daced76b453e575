namespace EvalReports.Contracts;

/// <summary>An example that came with an eval run (Aymara's EvalRunExample): a prompt, a response and pass/fail.</summary>
public sealed record EvalRunExample
{
    public string? Prompt { get; init; }
    public string? Response { get; init; }
    public string? Type { get; init; }
    public string? ExampleUuid { get; init; }
    public string? Explanation { get; init; }
}
