using EvalReports.Contracts;

namespace EvalReports.Storage;

/// <summary>The header of a suite report as stored (the run reports are rows of their own).</summary>
public sealed record ReportRecord
{
    public required string WorkspaceUuid { get; init; }
    public required string ReportUuid { get; init; }
    public required string Status { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public required IReadOnlyList<string> EvalRunUuids { get; init; }
    public bool IsSandbox { get; init; }
    public string? Error { get; init; }
    /// <summary>When processing began (the deadline counts from here, not from creation); null while queued.</summary>
    public DateTimeOffset? StartedAt { get; init; }
    /// <summary>Whether creating it took a unit of the workspace's quota (given back if it never starts).</summary>
    public bool TookQuotaUnit { get; init; }
    public string? OverallPassingResponsesSummary { get; init; }
    public string? OverallFailingResponsesSummary { get; init; }
    public string? OverallImprovementAdvice { get; init; }
    public string? BaselineReportUuid { get; init; }
    public ReportStats? Stats { get; init; }
    public SuiteComparison? Comparison { get; init; }
}
