using Microsoft.DurableTask;

namespace EvalReports.Reports;

/// <summary>
/// Marks the report processing, fans out one activity per eval run (at most <c>MaxConcurrency</c> at once; through
/// sub-orchestrations of <see cref="RunsPerBatch"/> runs for larger suites), then fans in to the overall summaries.
/// Any run that still fails after its retries fails the report with a reason. Deterministic: all I/O happens in
/// activities. The orchestration's instance id is the report uuid; its batches' ids derive from it.
/// </summary>
public static class SuiteReportOrchestration
{
    /// <summary>
    /// Six attempts (waits 1, 2, 4, 8, 10 s): with 30% of executions failing at random, one activity is lost once in
    /// about 1,400 (0.3^6) instead of once in 37 with three. A <see cref="ReportBuildException"/> is final: no retry.
    /// </summary>
    public static readonly TaskOptions ActivityRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 6,
        firstRetryInterval: TimeSpan.FromSeconds(1),
        backoffCoefficient: 2.0,
        maxRetryInterval: TimeSpan.FromSeconds(10))
    {
        HandleFailure = IsWorthRetrying,
    });

    /// <summary>
    /// Recording a failure is the last write of a report; if it gave up as soon as the others, a storage outage that
    /// outlasted them would leave the report "processing" forever. So it keeps trying for about five minutes.
    /// </summary>
    public static readonly TaskOptions FailureRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 10,
        firstRetryInterval: TimeSpan.FromSeconds(2),
        backoffCoefficient: 2.0,
        maxRetryInterval: TimeSpan.FromSeconds(60)));

    /// <summary>
    /// Runs per sub-orchestration. An orchestrator replays its whole history at every episode (one per finished
    /// activity, roughly), so one orchestration over N runs does O(N²) replay work and its episodes slow down as the
    /// history grows (~1,250 rows for 500 runs on Azure Storage). Suites up to this size fan out directly; larger ones
    /// go through sub-orchestrations of at most this many runs, so no history holds more than ~3 × 50 task events
    /// (and the parent ~3 per batch). 50 keeps the direct path for every suite of the benchmark's P1 (20 runs).
    /// </summary>
    public const int RunsPerBatch = 50;

    /// <summary>Sub-orchestrations in flight at once; each gets its share of the suite's fan-out.</summary>
    public const int BatchesAtOnce = 2;

    public static async Task<string> RunAsync(TaskOrchestrationContext context, SuiteReportInput input)
    {
        var report = new ReportKey(input.WorkspaceUuid, input.ReportUuid);
        var total = input.EvalRunUuids.Count;
        try
        {
            if (!await context.CallActivityAsync<bool>(TaskNames.MarkReportProcessing, report, ActivityRetry))
            {
                return ReportOutcome.Deleted;
            }

            var outcome = total <= RunsPerBatch
                ? await BuildRunsAsync(context, new RunBatchInput(input.WorkspaceUuid, input.ReportUuid, input.EvalRunUuids, 0, input.IsSandbox, input.MaxConcurrency))
                : await BuildBatchesAsync(context, input);
            if (outcome.ReportDeleted)
            {
                return ReportOutcome.Deleted;
            }

            if (outcome.FailureReason is { } reason)
            {
                await context.CallActivityAsync(TaskNames.MarkReportFailed, new ReportFailure(input.WorkspaceUuid, input.ReportUuid, reason), FailureRetry);
                return ReportOutcome.Failed;
            }

            return await context.CallActivityAsync<bool>(TaskNames.FinishReport, report, ActivityRetry)
                ? ReportOutcome.Finished
                : ReportOutcome.Deleted;
        }
        catch (TaskFailedException failure)
        {
            var reason = ReasonFor(failure);
            await context.CallActivityAsync(TaskNames.MarkReportFailed, new ReportFailure(input.WorkspaceUuid, input.ReportUuid, reason), FailureRetry);
            return ReportOutcome.Failed;
        }
    }

    /// <summary>The sub-orchestration: builds the run reports of one batch. Never fails; a run that does is its outcome.</summary>
    public static async Task<RunBatchOutcome> RunBatchAsync(TaskOrchestrationContext context, RunBatchInput batch)
    {
        try
        {
            return await BuildRunsAsync(context, batch);
        }
        catch (TaskFailedException failure)
        {
            return new RunBatchOutcome(ReportDeleted: false, ReasonFor(failure));
        }
    }

    /// <summary>Batches of <see cref="RunsPerBatch"/> runs, <see cref="BatchesAtOnce"/> at once, as sub-orchestrations whose instance ids derive from the report's.</summary>
    private static async Task<RunBatchOutcome> BuildBatchesAsync(TaskOrchestrationContext context, SuiteReportInput input)
    {
        var total = input.EvalRunUuids.Count;
        var perBatchConcurrency = Math.Max(1, input.MaxConcurrency / BatchesAtOnce);
        var running = new List<Task<RunBatchOutcome>>();
        for (var first = 0; first < total || running.Count > 0;)
        {
            if (first < total && running.Count < BatchesAtOnce)
            {
                var runs = input.EvalRunUuids.Skip(first).Take(RunsPerBatch).ToList();
                var batch = new RunBatchInput(input.WorkspaceUuid, input.ReportUuid, runs, first, input.IsSandbox, perBatchConcurrency);
                var task = context.CallSubOrchestratorAsync<RunBatchOutcome>(
                    TaskNames.BuildRunBatch, batch, new SubOrchestrationOptions((TaskRetryOptions?)null, BatchInstanceId(input.ReportUuid, first / RunsPerBatch)));
                running.Add(task);
                first += runs.Count;
                continue;
            }

            var finished = await Task.WhenAny(running);
            running.Remove(finished);
            var outcome = await finished;
            if (outcome.ReportDeleted || outcome.FailureReason is not null)
            {
                return outcome;
            }
        }

        return new RunBatchOutcome(ReportDeleted: false, FailureReason: null);
    }

    /// <summary>The instance id of a report's batch k: the report uuid stays the parent's, which stuck-report checks look up.</summary>
    public static string BatchInstanceId(string reportUuid, int batch) => $"{reportUuid}:batch-{batch}";

    private static async Task<RunBatchOutcome> BuildRunsAsync(TaskOrchestrationContext context, RunBatchInput batch)
    {
        var total = batch.EvalRunUuids.Count;
        var running = new List<Task<RunReportOutcome>>();
        for (var i = 0; i < total; i++)
        {
            if (running.Count >= Math.Max(1, batch.MaxConcurrency))
            {
                if ((await TakeFinishedAsync(running)).ReportDeleted)
                {
                    return new RunBatchOutcome(ReportDeleted: true, FailureReason: null);
                }
            }

            var request = new RunReportRequest(batch.WorkspaceUuid, batch.ReportUuid, batch.EvalRunUuids[i], batch.FirstOrdinal + i, batch.IsSandbox);
            running.Add(context.CallActivityAsync<RunReportOutcome>(TaskNames.BuildRunReport, request, ActivityRetry));
        }

        while (running.Count > 0)
        {
            if ((await TakeFinishedAsync(running)).ReportDeleted)
            {
                return new RunBatchOutcome(ReportDeleted: true, FailureReason: null);
            }
        }

        return new RunBatchOutcome(ReportDeleted: false, FailureReason: null);
    }

    /// <summary>A <see cref="ReportBuildException"/> (a run was deleted, run reports are missing) is final.</summary>
    public static bool IsWorthRetrying(TaskFailureDetails failure) => CauseOf(failure, typeof(ReportBuildException)) is null;

    /// <summary>
    /// The failure, or the inner failure, thrown as one of <paramref name="types"/>: depending on the host, an
    /// activity's own exception is the failure itself or an inner failure of the host's wrapper.
    /// </summary>
    private static TaskFailureDetails? CauseOf(TaskFailureDetails? failure, params Type[] types)
    {
        for (; failure is not null; failure = failure.InnerFailure)
        {
            if (types.Any(type => type.FullName == failure.ErrorType))
            {
                return failure;
            }
        }

        return null;
    }

    private static async Task<RunReportOutcome> TakeFinishedAsync(List<Task<RunReportOutcome>> running)
    {
        var finished = await Task.WhenAny(running);
        running.Remove(finished);
        return await finished;
    }

    private static string ReasonFor(TaskFailedException failure)
    {
        var message = CauseOf(failure.FailureDetails, typeof(ReportBuildException), typeof(ActivityFailedException))?.ErrorMessage
            ?? $"{failure.TaskName} failed after retries ({failure.FailureDetails.ErrorType}).";
        return message.Length <= 1000 ? message : message[..1000];
    }
}

public static class ReportOutcome
{
    public const string Finished = "finished";
    public const string Failed = "failed";
    public const string Deleted = "deleted";
}
