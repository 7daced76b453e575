using EvalReports.Contracts;
using Microsoft.DurableTask;

namespace EvalReports.Reports;

/// <summary>
/// Marks the report processing, fans out one activity per eval run (at most <c>MaxConcurrency</c> at once),
/// then fans in to the overall summaries. Any run that still fails after its retries fails the report with a reason.
/// Deterministic: all I/O happens in activities.
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

            var done = 0;
            context.SetCustomStatus(new ReportProgress(done, total));
            var running = new List<Task<RunReportOutcome>>();
            for (var i = 0; i < total; i++)
            {
                if (running.Count >= Math.Max(1, input.MaxConcurrency))
                {
                    if ((await TakeFinishedAsync(running)).ReportDeleted)
                    {
                        return ReportOutcome.Deleted;
                    }

                    context.SetCustomStatus(new ReportProgress(++done, total));
                }

                var request = new RunReportRequest(input.WorkspaceUuid, input.ReportUuid, input.EvalRunUuids[i], i, input.IsSandbox);
                running.Add(context.CallActivityAsync<RunReportOutcome>(TaskNames.BuildRunReport, request, ActivityRetry));
            }

            while (running.Count > 0)
            {
                if ((await TakeFinishedAsync(running)).ReportDeleted)
                {
                    return ReportOutcome.Deleted;
                }

                context.SetCustomStatus(new ReportProgress(++done, total));
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
