using Azure;
using Azure.Data.Tables;

namespace EvalReports.Storage;

/// <summary>
/// Idempotency keys: partition = workspace, row = SHA-256 of (operation, key), so keys are scoped per workspace and
/// endpoint and any printable key is a safe RowKey. A key is claimed by inserting (or ETag-replacing an expired) row.
/// </summary>
public sealed class IdempotencyStore(TableStorage storage)
{
    public async Task<(IdempotencyRecord Record, ETag ETag)?> GetAsync(string workspace, string rowKey, CancellationToken ct)
    {
        var table = await storage.GetTableAsync(TableStorage.IdempotencyKeys);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(workspace, rowKey, cancellationToken: ct);
        if (!response.HasValue)
        {
            return null;
        }

        var e = response.Value!;
        var record = new IdempotencyRecord(
            e.GetString("Fingerprint"),
            e.GetBoolean("Completed") ?? false,
            e.GetInt32("StatusCode") ?? 0,
            e.GetString("ResourceUuid"),
            e.GetDateTimeOffset("CreatedAt")!.Value,
            e.GetDateTimeOffset("ExpiresAt")!.Value);
        return (record, e.ETag);
    }

    /// <summary>Claims the key: inserts when <paramref name="replacing"/> is null, else replaces that version. Null when another request won.</summary>
    public async Task<ETag?> TryClaimAsync(string workspace, string rowKey, IdempotencyRecord record, ETag? replacing, CancellationToken ct)
    {
        var table = await storage.GetTableAsync(TableStorage.IdempotencyKeys);
        try
        {
            var response = replacing is { } etag
                ? await table.UpdateEntityAsync(ToEntity(workspace, rowKey, record), etag, TableUpdateMode.Replace, ct)
                : await table.AddEntityAsync(ToEntity(workspace, rowKey, record), ct);
            return response.Headers.ETag;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412 or 404)
        {
            return null;
        }
    }

    public async Task CompleteAsync(string workspace, string rowKey, IdempotencyRecord record, ETag claim, CancellationToken ct)
    {
        var table = await storage.GetTableAsync(TableStorage.IdempotencyKeys);
        await table.UpdateEntityAsync(ToEntity(workspace, rowKey, record), claim, TableUpdateMode.Replace, ct);
    }

    /// <summary>Releases a claim whose request failed, so the same key can be retried; leaves anyone else's row alone.</summary>
    public async Task ReleaseAsync(string workspace, string rowKey, ETag claim)
    {
        var table = await storage.GetTableAsync(TableStorage.IdempotencyKeys);
        try
        {
            await table.DeleteEntityAsync(workspace, rowKey, claim, CancellationToken.None);
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            // Already taken over or gone.
        }
    }

    /// <summary>Deletes keys that expired before <paramref name="now"/>; returns how many.</summary>
    public async Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken ct)
    {
        var table = await storage.GetTableAsync(TableStorage.IdempotencyKeys);
        var filter = TableClient.CreateQueryFilter($"ExpiresAt lt {now}");
        var deleted = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: ct))
        {
            try
            {
                await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, ct);
                deleted++;
            }
            catch (RequestFailedException e) when (e.Status is 412 or 404)
            {
                // Claimed again meanwhile.
            }
        }

        return deleted;
    }

    private static TableEntity ToEntity(string workspace, string rowKey, IdempotencyRecord record) => new(workspace, rowKey)
    {
        ["Fingerprint"] = record.Fingerprint,
        ["Completed"] = record.Completed,
        ["StatusCode"] = record.StatusCode,
        ["ResourceUuid"] = record.ResourceUuid,
        ["CreatedAt"] = record.CreatedAt,
        ["ExpiresAt"] = record.ExpiresAt,
    };
}
