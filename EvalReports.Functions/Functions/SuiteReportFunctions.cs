using EvalReports.Reports;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace EvalReports.Functions;

/// <summary>Durable Functions adapters: the orchestrator and its activities delegate to host-free code.</summary>
public sealed class SuiteReportFunctions(ReportActivities activities, ILogger<SuiteReportFunctions> logger)
{
    [Function(TaskNames.BuildSuiteReport)]
    public static Task<string> BuildSuiteReport([OrchestrationTrigger] TaskOrchestrationContext context) =>
        SuiteReportOrchestration.RunAsync(context, context.GetInput<SuiteReportInput>()!);

    [Function(TaskNames.BuildRunBatch)]
    public static Task<RunBatchOutcome> BuildRunBatch([OrchestrationTrigger] TaskOrchestrationContext context) =>
        SuiteReportOrchestration.RunBatchAsync(context, context.GetInput<RunBatchInput>()!);

    [Function(TaskNames.MarkReportProcessing)]
    public Task<bool> MarkReportProcessing([ActivityTrigger] ReportKey key, CancellationToken ct) =>
        ActivityErrors.GuardAsync(TaskNames.MarkReportProcessing, logger, () => activities.MarkProcessingAsync(key, ct));

    [Function(TaskNames.BuildRunReport)]
    public Task<RunReportOutcome> BuildRunReport([ActivityTrigger] RunReportRequest request, CancellationToken ct) =>
        ActivityErrors.GuardAsync(TaskNames.BuildRunReport, logger, () => activities.BuildRunReportAsync(request, ct));

    [Function(TaskNames.FinishReport)]
    public Task<bool> FinishReport([ActivityTrigger] ReportKey key, CancellationToken ct) =>
        ActivityErrors.GuardAsync(TaskNames.FinishReport, logger, () => activities.FinishAsync(key, ct));

    [Function(TaskNames.MarkReportFailed)]
    public Task MarkReportFailed([ActivityTrigger] ReportFailure failure, CancellationToken ct) =>
        ActivityErrors.GuardAsync(TaskNames.MarkReportFailed, logger, async () =>
        {
            await activities.MarkFailedAsync(failure, ct);
            return true;
        });
}
