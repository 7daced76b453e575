using Azure;
using Azure.Data.Tables;

namespace EvalReports.Storage;

/// <summary>
/// A workspace's report quota lives in its counters row beside its reports (see <see cref="WorkspaceCounters"/>), so
/// taking a unit is part of the transaction that creates the report. Setting the limit is a compare-and-swap on the
/// row's ETag (insert-if-absent for the first one), retried on conflict, that keeps every count as it is.
/// </summary>
public sealed class QuotaStore(TableStorage storage, EvalReportsSettings settings)
{
    private const int MaxAttempts = 200;

    /// <summary>The quota in force: the workspace's own limit, else the default setting.</summary>
    public async Task<QuotaRecord> GetAsync(string workspace, CancellationToken ct = default)
    {
        var (counters, _) = await WorkspaceCounters.ReadAsync(await storage.GetTableAsync(TableStorage.Reports), workspace, ct);
        return ToRecord(workspace, counters);
    }

    public QuotaRecord ToRecord(string workspace, WorkspaceCounters counters) =>
        new(workspace, counters.EffectiveLimit(settings.DefaultReportLimit), counters.ReportsUsed);

    public async Task<QuotaRecord> SetLimitAsync(string workspace, int? limit, CancellationToken ct = default)
    {
        var table = await storage.GetTableAsync(TableStorage.Reports);
        for (var attempt = 1; ; attempt++)
        {
            var (current, etag) = await WorkspaceCounters.ReadAsync(table, workspace, ct);
            var updated = current with { ReportLimit = limit, LimitSet = true };
            try
            {
                var entity = updated.ToEntity(workspace);
                if (etag is { } match)
                {
                    await table.UpdateEntityAsync(entity, match, TableUpdateMode.Replace, ct);
                }
                else
                {
                    await table.AddEntityAsync(entity, ct);
                }

                return ToRecord(workspace, updated);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 or 404 && attempt < MaxAttempts)
            {
                // Lost the race to a report being created or ended: back off a little, with jitter, and try again.
                await Task.Delay(Random.Shared.Next(1, 5 + Math.Min(attempt, 20) * 2), ct);
            }
        }
    }
}
