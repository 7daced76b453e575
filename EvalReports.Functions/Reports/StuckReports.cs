using EvalReports.Contracts;
using EvalReports.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace EvalReports.Reports;

/// <summary>
/// No report stays "created" or "processing" forever. One is failed, with a reason in <c>error</c>, when it is past
/// the deadline (EvalReportsLimits.ReportDeadline after its processing started — not after creation, so a report
/// waiting behind others in the queue is not failed for their time), when it waited <see cref="QueueDeadline"/>
/// without starting, or when its orchestration failed, was
/// terminated, completed without finishing it, or does not exist (after a short grace for the start). Checked when
/// a report is read and by a timer. The update is ETag-guarded and only applies to a report that is still active,
/// so a report that finished a moment ago is never overwritten.
/// </summary>
public sealed class StuckReports(
    ReportStore reports, ActiveReportIndex active, EvalReportsLimits limits, TimeProvider clock, ILogger<StuckReports> logger)
{
    /// <summary>
    /// A report that has not started processing after this long is failed. The active caps bound the queue (10 reports
    /// of ≤ 100 runs per workspace), so a report waiting a day means the backend is stuck, not busy.
    /// </summary>
    public static readonly TimeSpan QueueDeadline = TimeSpan.FromHours(24);

    /// <summary>Between writing a report row and scheduling its orchestration, the instance does not exist yet.</summary>
    public static readonly TimeSpan StartGrace = TimeSpan.FromMinutes(2);

    /// <summary>The report as it should be read: failed if it was stuck; null if it was deleted meanwhile.</summary>
    public async Task<ReportRecord?> CheckAsync(ReportRecord record, DurableTaskClient durable, CancellationToken ct = default)
    {
        if (!IsActive(record.Status))
        {
            return record;
        }

        var (reason, pastDeadline) = await FindReasonAsync(record, durable, ct);
        if (reason is null)
        {
            return record;
        }

        var updated = await reports.UpdateAsync(record.WorkspaceUuid, record.ReportUuid, r => IsActive(r.Status)
            ? r with { Status = ReportStatus.Failed, Error = reason, UpdatedAt = clock.GetUtcNow() }
            : r, ct);
        if (updated?.Status == ReportStatus.Failed && updated.Error == reason)
        {
            logger.LogWarning("Report {ReportUuid} was stuck and is now failed.", record.ReportUuid);
            if (pastDeadline)
            {
                await TerminateAsync(durable, record.ReportUuid, ct);
            }
        }

        return updated;
    }

    /// <summary>
    /// Checks every report in the active index (only those, never the whole reports table); returns how many were
    /// failed. Index rows of reports that ended or never got written (a crash between the two) are removed.
    /// </summary>
    public async Task<int> SweepAsync(DurableTaskClient durable, CancellationToken ct = default)
    {
        var failed = 0;
        await foreach (var (workspace, reportUuid, indexedAt) in active.ListAsync(ct))
        {
            var record = await reports.GetRecordAsync(workspace, reportUuid, ct);
            if (record is null)
            {
                if (clock.GetUtcNow() - indexedAt >= StartGrace)
                {
                    await active.RemoveAsync(workspace, reportUuid);
                }

                continue;
            }

            var checkedRecord = await CheckAsync(record, durable, ct);
            if (checkedRecord is { Status: ReportStatus.Failed } && record.Status != ReportStatus.Failed)
            {
                failed++;
            }

            if (checkedRecord is null || !ReportStore.IsActive(checkedRecord.Status))
            {
                await active.RemoveAsync(workspace, reportUuid);
            }
        }

        return failed;
    }

    private static bool IsActive(string status) => status is ReportStatus.Created or ReportStatus.Processing;

    private async Task<(string? Reason, bool PastDeadline)> FindReasonAsync(ReportRecord record, DurableTaskClient durable, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var age = now - record.CreatedAt;
        if (record.Status == ReportStatus.Processing && now - (record.StartedAt ?? record.CreatedAt) >= limits.ReportDeadline)
        {
            return ($"The report did not finish within {limits.ReportDeadline.TotalMinutes:0} minutes of starting to process.", true);
        }

        if (record.Status == ReportStatus.Created && age >= QueueDeadline)
        {
            return ($"The report did not start processing within {QueueDeadline.TotalHours:0} hours of being created.", true);
        }

        OrchestrationMetadata? instance;
        try
        {
            instance = await durable.GetInstanceAsync(record.ReportUuid, getInputsAndOutputs: false, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The Durable store could not be asked: judge again on the next read or sweep.
            logger.LogWarning("Could not read the orchestration of report {ReportUuid} ({ExceptionType}).", record.ReportUuid, e.GetType().Name);
            return (null, false);
        }

        var reason = instance?.RuntimeStatus switch
        {
            null when age >= StartGrace => "The report's orchestration no longer exists.",
            OrchestrationRuntimeStatus.Failed => "The report's orchestration failed.",
            OrchestrationRuntimeStatus.Terminated => "The report's orchestration was terminated.",
            OrchestrationRuntimeStatus.Completed => "The report's orchestration ended without finishing the report.",
            _ => null,
        };
        return (reason, false);
    }

    private async Task TerminateAsync(DurableTaskClient durable, string instanceId, CancellationToken ct)
    {
        try
        {
            var instance = await durable.GetInstanceAsync(instanceId, getInputsAndOutputs: false, ct);
            if (instance is not null && !instance.IsCompleted)
            {
                await durable.TerminateInstanceAsync(instanceId, new TerminateInstanceOptions(Output: "deadline", Recursive: true), ct);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The report is already failed; a late activity cannot change that (FinishReport leaves a failed report alone).
            logger.LogWarning("Could not terminate the orchestration of report {ReportUuid} ({ExceptionType}).", instanceId, e.GetType().Name);
        }
    }
}
