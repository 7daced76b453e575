namespace EvalReports.Contracts;

/// <summary>Body of POST /v2/eval-reports.</summary>
public sealed record CreateReportRequest
{
    public IReadOnlyList<string>? EvalRunUuids { get; init; }
}
