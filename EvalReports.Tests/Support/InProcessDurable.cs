using EvalReports.Functions;
using EvalReports.Reports;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Testing;

namespace EvalReports.Tests.Support;

/// <summary>
/// A real Durable Task backend in-process (<see cref="DurableTaskTestHost"/>) running the app's orchestrator and
/// activity adapters, with their real dependencies from <see cref="TestApp"/>.
/// </summary>
public static class InProcessDurable
{
    /// <param name="logs">When given, the Durable host's own logs go there too.</param>
    public static Task<DurableTaskTestHost> StartAsync(TestApp app, Microsoft.Extensions.Logging.ILoggerFactory? logs = null)
    {
        var functions = app.Get<SuiteReportFunctions>();
        return DurableTaskTestHost.StartAsync(tasks =>
        {
            tasks.AddOrchestratorFunc<SuiteReportInput, string>(TaskNames.BuildSuiteReport, (context, _) => SuiteReportFunctions.BuildSuiteReport(context));
            tasks.AddActivityFunc<ReportKey, bool>(TaskNames.MarkReportProcessing, (_, key) => functions.MarkReportProcessing(key, CancellationToken.None));
            tasks.AddActivityFunc<RunReportRequest, RunReportOutcome>(TaskNames.BuildRunReport, (_, request) => functions.BuildRunReport(request, CancellationToken.None));
            tasks.AddActivityFunc<ReportKey, bool>(TaskNames.FinishReport, (_, key) => functions.FinishReport(key, CancellationToken.None));
            tasks.AddActivityFunc<ReportFailure>(TaskNames.MarkReportFailed, (_, failure) => functions.MarkReportFailed(failure, CancellationToken.None));
        }, new DurableTaskTestHostOptions { LoggerFactory = logs });
    }
}
