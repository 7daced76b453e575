using EvalReports.Contracts;
using EvalReports.Storage;

namespace EvalReports.Reports;

public static class ReportMapper
{
    public static EvalSuiteReport ToContract(ReportRecord record, IReadOnlyList<RunReportRecord> runReports) => new()
    {
        EvalSuiteReportUuid = record.ReportUuid,
        Status = record.Status,
        EvalRunReports = runReports.Select(r => r.Report).ToList(),
        OverallPassingResponsesSummary = record.OverallPassingResponsesSummary,
        OverallFailingResponsesSummary = record.OverallFailingResponsesSummary,
        OverallImprovementAdvice = record.OverallImprovementAdvice,
        CreatedAt = record.CreatedAt,
        UpdatedAt = record.UpdatedAt,
        RemainingReports = null,
        WorkspaceUuid = record.WorkspaceUuid,
        IsSandbox = record.IsSandbox,
        Error = record.Error,
        Progress = new ReportProgress(runReports.Count, record.EvalRunUuids.Count),
        BaselineEvalSuiteReportUuid = record.BaselineReportUuid,
        Stats = record.Stats,
        Comparison = record.Comparison,
    };

    /// <summary>
    /// A list item: the report without its run reports (GET the report for them). Progress is known without reading
    /// them only for a finished report (all of them); otherwise it is left out.
    /// </summary>
    public static EvalSuiteReport ToListItem(ReportRecord record) => ToContract(record, []) with
    {
        Progress = record.Status == ReportStatus.Finished ? new ReportProgress(record.EvalRunUuids.Count, record.EvalRunUuids.Count) : null,
    };
}
