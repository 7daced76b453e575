using EvalReports.Reports;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace EvalReports.Functions;

/// <summary>Once an hour (at minute 17, away from the other timers): purges ended orchestrations older than a week.</summary>
public sealed class PurgeHistoryTimer(HistoryPurge purge, ILogger<PurgeHistoryTimer> logger)
{
    [Function("PurgeOrchestrationHistory")]
    public async Task Run(
        [TimerTrigger("0 17 * * * *")] TimerInfo timer,
        [DurableClient] DurableTaskClient durable,
        CancellationToken ct)
    {
        var purged = await purge.PurgeAsync(durable, ct);
        logger.LogInformation("Maintenance: {PurgedInstances} ended orchestration(s) older than {RetentionDays} days purged.", purged, HistoryPurge.Retention.TotalDays);
    }
}
