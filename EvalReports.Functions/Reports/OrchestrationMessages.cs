namespace EvalReports.Reports;

// The small messages that cross orchestration history. None carries response or summary text.

public sealed record SuiteReportInput(
    string WorkspaceUuid, string ReportUuid, IReadOnlyList<string> EvalRunUuids, bool IsSandbox, int MaxConcurrency);

public sealed record ReportKey(string WorkspaceUuid, string ReportUuid);

public sealed record RunReportRequest(string WorkspaceUuid, string ReportUuid, string EvalRunUuid, int Ordinal, bool IsSandbox);

public sealed record RunReportOutcome(string EvalRunUuid, int Scored, int Passed, bool ReportDeleted);

public sealed record ReportFailure(string WorkspaceUuid, string ReportUuid, string Reason);

/// <summary>A sub-orchestration's share of a suite: consecutive runs from position <c>FirstOrdinal</c>.</summary>
public sealed record RunBatchInput(
    string WorkspaceUuid, string ReportUuid, IReadOnlyList<string> EvalRunUuids, int FirstOrdinal, bool IsSandbox, int MaxConcurrency);

/// <summary>How a batch ended: all built, the report deleted meanwhile, or a run failed after its retries (why).</summary>
public sealed record RunBatchOutcome(bool ReportDeleted, string? FailureReason);
