using Microsoft.DurableTask.Client;

namespace EvalReports.Reports;

/// <summary>
/// Every report leaves an orchestration history in the Durable task hub (instances, history rows, and blobs for large
/// inputs), and nothing reads it once the report row holds the result. Completed, failed and terminated instances
/// older than <see cref="Retention"/> are purged; running ones never are.
/// </summary>
public sealed class HistoryPurge(TimeProvider clock)
{
    /// <summary>Long enough to look into a failure reported a few days later; short enough that the hub stays small.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    /// <summary>Rounds per run: the backend may purge in batches (IsComplete false); the next run picks up the rest.</summary>
    private const int MaxRounds = 20;

    private static readonly OrchestrationRuntimeStatus[] Ended =
    [
        OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated,
    ];

    /// <returns>How many instances were purged.</returns>
    public async Task<int> PurgeAsync(DurableTaskClient durable, CancellationToken ct = default)
    {
        var filter = new PurgeInstancesFilter(CreatedFrom: null, CreatedTo: clock.GetUtcNow() - Retention, Statuses: Ended);
        var purged = 0;
        for (var round = 0; round < MaxRounds; round++)
        {
            var result = await durable.PurgeAllInstancesAsync(filter, ct);
            purged += result.PurgedInstanceCount;
            if (result.IsComplete != false || result.PurgedInstanceCount == 0)
            {
                break;
            }
        }

        return purged;
    }
}
