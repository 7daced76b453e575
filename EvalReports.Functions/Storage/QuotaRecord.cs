namespace EvalReports.Storage;

/// <summary>A workspace's report quota as stored: the limit (null = unlimited) and the reports counted against it.</summary>
public sealed record QuotaRecord(string WorkspaceUuid, int? ReportLimit, int ReportsUsed)
{
    /// <summary>Null when unlimited; never below zero (a lowered limit can leave <c>used</c> above it).</summary>
    public int? RemainingReports => ReportLimit is { } limit ? Math.Max(0, limit - ReportsUsed) : null;
}
