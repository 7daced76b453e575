namespace EvalReports.Contracts;

/// <summary>Body of POST /v2/eval-reports.</summary>
public sealed record CreateReportRequest
{
    public IReadOnlyList<string>? EvalRunUuids { get; init; }
    /// <summary>Optional: a finished report of the same workspace to compare each run with.</summary>
    public string? BaselineEvalSuiteReportUuid { get; init; }
}
