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
}
