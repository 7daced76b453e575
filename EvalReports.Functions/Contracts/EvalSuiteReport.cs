namespace EvalReports.Contracts;

public static class ReportStatus
{
    public const string Created = "created";
    public const string Processing = "processing";
    public const string Finished = "finished";
    public const string Failed = "failed";
}

/// <summary>A report over several eval runs, as the v2 API returns it.</summary>
public sealed record EvalSuiteReport
{
    public required string EvalSuiteReportUuid { get; init; }
    public required string Status { get; init; }
    public required IReadOnlyList<EvalRunReport> EvalRunReports { get; init; }
    public string? OverallPassingResponsesSummary { get; init; }
    public string? OverallFailingResponsesSummary { get; init; }
    public string? OverallImprovementAdvice { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public int? RemainingReports { get; init; }
    public string? WorkspaceUuid { get; init; }
    public bool IsSandbox { get; init; }
    /// <summary>Why the report failed, when it did.</summary>
    public string? Error { get; init; }
    public ReportProgress? Progress { get; init; }
    /// <summary>The report this one is compared with, when one was given.</summary>
    public string? BaselineEvalSuiteReportUuid { get; init; }
    /// <summary>The whole suite's counts, once finished.</summary>
    public ReportStats? Stats { get; init; }
    public SuiteComparison? Comparison { get; init; }
}

public sealed record ReportProgress(int RunsDone, int RunsTotal);

/// <summary>The report of one eval run inside a suite report.</summary>
public sealed record EvalRunReport
{
    public required string EvalRunReportUuid { get; init; }
    public required string EvalRunUuid { get; init; }
    public required EvalRunResult EvalRun { get; init; }
    public required string PassingResponsesSummary { get; init; }
    public required string FailingResponsesSummary { get; init; }
    public required string ImprovementAdvice { get; init; }
    /// <summary>Which summarizer wrote the three texts (e.g. "embedded").</summary>
    public string? Summarizer { get; init; }
    public ReportStats? Stats { get; init; }
    /// <summary>Only when the suite report has a baseline.</summary>
    public RunComparison? Comparison { get; init; }
}
