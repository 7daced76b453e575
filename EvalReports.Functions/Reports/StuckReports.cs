using EvalReports.Contracts;
using EvalReports.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace EvalReports.Reports;

/// <summary>
/// No report stays "created" or "processing" forever. One is failed, with a reason in <c>error</c>, when it is past
/// the deadline (EVALREPORTS_REPORT_DEADLINE_MINUTES after creation), or when its orchestration failed, was
/// terminated, completed without finishing it, or does not exist (after a short grace for the start). Checked when
/// a report is read and by a timer. The update is ETag-guarded and only applies to a report that is still active,
/// so a report that finished a moment ago is never overwritten.
/// </summary>
public sealed class StuckReports(ReportStore reports, EvalReportsSettings settings, TimeProvider clock, ILogger<StuckReports> logger)
{
    /// <summary>Between writing a report row and scheduling its orchestration, the instance does not exist yet.</summary>
    public static readonly TimeSpan StartGrace = TimeSpan.FromMinutes(2);

    /// <summary>The report as it should be read: failed if it was stuck; null if it was deleted meanwhile.</summary>
    public async Task<ReportRecord?> CheckAsync(ReportRecord record, DurableTaskClient? durable, CancellationToken ct = default)
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
            if (pastDeadline && durable is not null)
            {
                await TerminateAsync(durable, record.ReportUuid, ct);
            }
        }

        return updated;
    }

    /// <summary>Checks every active report of every workspace; returns how many were failed.</summary>
    public async Task<int> SweepAsync(DurableTaskClient durable, CancellationToken ct = default)
    {
        var failed = 0;
        await foreach (var record in reports.ListActiveAsync(ct))
        {
            var checkedRecord = await CheckAsync(record, durable, ct);
            if (checkedRecord is { Status: ReportStatus.Failed })
            {
                failed++;
            }
        }

        return failed;
    }

    private static bool IsActive(string status) => status is ReportStatus.Created or ReportStatus.Processing;

    private async Task<(string? Reason, bool PastDeadline)> FindReasonAsync(ReportRecord record, DurableTaskClient? durable, CancellationToken ct)
    {
        var age = clock.GetUtcNow() - record.CreatedAt;
        if (age >= settings.ReportDeadline)
        {
            return ($"The report did not finish within {settings.ReportDeadline.TotalMinutes:0} minutes of being created.", true);
        }

        if (durable is null)
        {
            return (null, false);
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
