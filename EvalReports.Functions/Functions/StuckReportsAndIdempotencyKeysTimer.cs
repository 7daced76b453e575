using EvalReports.Reports;
using EvalReports.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace EvalReports.Functions;

/// <summary>
/// Every EVALREPORTS_MAINTENANCE_SCHEDULE (default every 5 minutes): fails reports that are stuck, even if nobody
/// reads them, and deletes expired idempotency keys.
/// </summary>
public sealed class StuckReportsAndIdempotencyKeysTimer(StuckReports stuck, IdempotencyStore idempotencyKeys, TimeProvider clock, ILogger<StuckReportsAndIdempotencyKeysTimer> logger)
{
    [Function("SweepStuckReportsAndIdempotencyKeys")]
    public async Task Run(
        [TimerTrigger("%EVALREPORTS_MAINTENANCE_SCHEDULE%")] TimerInfo timer,
        [DurableClient] DurableTaskClient durable,
        CancellationToken ct)
    {
        var failed = await stuck.SweepAsync(durable, ct);
        var expired = await idempotencyKeys.DeleteExpiredAsync(clock.GetUtcNow(), ct);
        logger.LogInformation("Maintenance: {FailedReports} stuck report(s) failed, {ExpiredKeys} expired idempotency key(s) deleted.", failed, expired);
    }
}
