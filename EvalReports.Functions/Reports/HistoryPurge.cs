using Microsoft.DurableTask.Client;

namespace EvalReports.Reports;

/// <summary>
/// Every report leaves an orchestration history in the Durable task hub (instances, history rows, and blobs for large
/// inputs), and nothing reads it once the report row holds the result. Completed, failed and terminated instances
/// created more than <see cref="Retention"/> ago are purged; running ones never are. The instances are found with the
/// client's instance query (created-before and status filters) and purged one by one with the purge API, at most
/// <see cref="MaxPerRun"/> per run: every backend supports both (the in-process test backend has no bulk purge), and
/// a backlog is worked off over the next hourly runs instead of in one long one.
/// </summary>
public sealed class HistoryPurge(TimeProvider clock)
{
    /// <summary>Long enough to look into a failure reported a few days later; short enough that the hub stays small.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    /// <summary>More than an hour's worth of reports for a busy instance; one run stays within a few minutes.</summary>
    public const int MaxPerRun = 2_000;

    private static readonly OrchestrationRuntimeStatus[] Ended =
    [
        OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated,
    ];

    /// <returns>How many instances were purged.</returns>
    public async Task<int> PurgeAsync(DurableTaskClient durable, CancellationToken ct = default)
    {
        var query = new OrchestrationQuery(CreatedTo: clock.GetUtcNow() - Retention, Statuses: Ended, PageSize: 100);
        var ids = new List<string>();
        await foreach (var instance in durable.GetAllInstancesAsync(query).WithCancellation(ct))
        {
            ids.Add(instance.InstanceId);
            if (ids.Count == MaxPerRun)
            {
                break;
            }
        }

        var purged = 0;
        foreach (var id in ids)
        {
            purged += (await durable.PurgeInstanceAsync(id, cancellation: ct)).PurgedInstanceCount;
        }

        return purged;
    }
}
