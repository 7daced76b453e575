using EvalReports.Reports;
using EvalReports.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace EvalReports.Functions;

/// <summary>
/// Every <see cref="Schedule"/>: fails reports that are stuck, even if nobody reads them, and deletes expired
/// idempotency keys.
/// </summary>
public sealed class StuckReportsAndIdempotencyKeysTimer(StuckReports stuck, IdempotencyStore idempotencyKeys, TimeProvider clock, ILogger<StuckReportsAndIdempotencyKeysTimer> logger)
{
    /// <summary>Every 5 minutes (NCRONTAB): a stuck report is failed within minutes, and an idle app costs 288 small reads a day.</summary>
    public const string Schedule = "0 */5 * * * *";

    [Function("SweepStuckReportsAndIdempotencyKeys")]
    public async Task Run(
        [TimerTrigger(Schedule)] TimerInfo timer,
        [DurableClient] DurableTaskClient durable,
        CancellationToken ct)
    {
        var failed = await stuck.SweepAsync(durable, ct);
        var expired = await idempotencyKeys.DeleteExpiredAsync(clock.GetUtcNow(), ct);
        logger.LogInformation("Maintenance: {FailedReports} stuck report(s) failed, {ExpiredKeys} expired idempotency key(s) deleted.", failed, expired);
    }
}
