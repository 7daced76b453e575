using Azure;
using Azure.Data.Tables;
using EvalReports.Api;
using EvalReports.Storage;

namespace EvalReports.Quotas;

/// <summary>
/// One row per workspace (partition = workspace, row = "reports") holding {ReportLimit, ReportsUsed}. Every change is
/// a compare-and-swap on the row's ETag (insert-if-absent for the first one), retried on conflict, so concurrent
/// requests never count a unit twice or lose one.
/// </summary>
public sealed class QuotaStore(TableStorage storage, EvalReportsSettings settings)
{
    private const string RowKey = "reports";
    private const int MaxAttempts = 200;

    /// <summary>The quota in force: the workspace's own row, else the default setting (no row is written for it).</summary>
    public async Task<QuotaRecord> GetAsync(string workspace, CancellationToken ct = default)
    {
        var (record, _) = await ReadAsync(await storage.GetTableAsync(TableStorage.Quotas), workspace, ct);
        return record;
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the current quota and stores the result, re-reading and re-applying it
    /// whenever another writer got there first. <paramref name="change"/> returns null to leave the row as it is.
    /// </summary>
    public async Task<QuotaRecord> ChangeAsync(string workspace, Func<QuotaRecord, QuotaRecord?> change, CancellationToken ct = default)
    {
        var table = await storage.GetTableAsync(TableStorage.Quotas);
        for (var attempt = 1; ; attempt++)
        {
            var (current, etag) = await ReadAsync(table, workspace, ct);
            if (change(current) is not { } updated)
            {
                return current;
            }

            try
            {
                var entity = ToEntity(updated);
                if (etag is { } match)
                {
                    await table.UpdateEntityAsync(entity, match, TableUpdateMode.Replace, ct);
                }
                else
                {
                    await table.AddEntityAsync(entity, ct);
                }

                return updated;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 or 404)
            {
                if (attempt >= MaxAttempts)
                {
                    throw new ApiException(503, "server.internal_error", "Too many concurrent changes to the report quota; try again.");
                }

                // Lost the race: back off a little (with jitter, so the losers spread out) and try again.
                await Task.Delay(Random.Shared.Next(1, 5 + Math.Min(attempt, 20) * 2), ct);
            }
        }
    }

    private async Task<(QuotaRecord Record, ETag? ETag)> ReadAsync(TableClient table, string workspace, CancellationToken ct)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(workspace, RowKey, cancellationToken: ct);
        if (!response.HasValue)
        {
            return (new QuotaRecord(workspace, settings.DefaultReportLimit, 0), null);
        }

        var entity = response.Value!;
        return (new QuotaRecord(workspace, entity.GetInt32("ReportLimit"), entity.GetInt32("ReportsUsed") ?? 0), entity.ETag);
    }

    private static TableEntity ToEntity(QuotaRecord record) => new(record.WorkspaceUuid, RowKey)
    {
        ["ReportLimit"] = record.ReportLimit,
        ["ReportsUsed"] = record.ReportsUsed,
    };
}
