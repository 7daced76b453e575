namespace EvalReports.Reports;

/// <summary>The names the orchestration and its activities are registered under (Functions and test host alike).</summary>
public static class TaskNames
{
    public const string BuildSuiteReport = nameof(BuildSuiteReport);
    public const string BuildRunBatch = nameof(BuildRunBatch);
    public const string MarkReportProcessing = nameof(MarkReportProcessing);
    public const string BuildRunReport = nameof(BuildRunReport);
    public const string FinishReport = nameof(FinishReport);
    public const string MarkReportFailed = nameof(MarkReportFailed);
}
