using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;

namespace EvalReports.Storage;

/// <summary>
/// The share links' signing key (32 random bytes, its own table, never the API key) and, per report, the current
/// share id: a token is valid only while its report's share row holds the id it was signed with, so deleting the row
/// revokes every link of that report at once.
/// </summary>
public sealed class ShareKeyStore(TableStorage storage)
{
    public const string KeysTable = "sharekeys";
    public const string SharesTable = "shares";
    private const string KeyPartition = "signing";
    private const string KeyRow = "v1";

    private Lazy<Task<byte[]>>? key;

    public Task<byte[]> SigningKeyAsync(CancellationToken ct)
    {
        var current = key ??= new Lazy<Task<byte[]>>(() => LoadOrCreateAsync(CancellationToken.None));
        if (current.Value.IsFaulted)
        {
            key = null; // storage may have been down: try again next time
        }

        return current.Value.WaitAsync(ct);
    }

    /// <summary>The report's share id, made on first share; later shares of the same report reuse it.</summary>
    public async Task<string> ShareIdAsync(string workspace, string reportUuid, CancellationToken ct)
    {
        var table = await storage.GetTableAsync(SharesTable);
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(workspace, reportUuid, cancellationToken: ct);
        if (existing.HasValue)
        {
            return existing.Value!.GetString("ShareId");
        }

        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        try
        {
            await table.AddEntityAsync(new TableEntity(workspace, reportUuid) { ["ShareId"] = id }, ct);
            return id;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return (await table.GetEntityAsync<TableEntity>(workspace, reportUuid, cancellationToken: ct)).Value.GetString("ShareId");
        }
    }

    public async Task<string?> CurrentShareIdAsync(string workspace, string reportUuid, CancellationToken ct)
    {
        var table = await storage.GetTableAsync(SharesTable);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(workspace, reportUuid, cancellationToken: ct);
        return row.HasValue ? row.Value!.GetString("ShareId") : null;
    }

    public async Task RevokeAsync(string workspace, string reportUuid, CancellationToken ct)
    {
        var table = await storage.GetTableAsync(SharesTable);
        await table.DeleteEntityAsync(workspace, reportUuid, ETag.All, ct);
    }

    private async Task<byte[]> LoadOrCreateAsync(CancellationToken ct)
    {
        var table = await storage.GetTableAsync(KeysTable);
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(KeyPartition, KeyRow, cancellationToken: ct);
        if (existing.HasValue)
        {
            return existing.Value!.GetBinary("Key");
        }

        var fresh = RandomNumberGenerator.GetBytes(32);
        try
        {
            await table.AddEntityAsync(new TableEntity(KeyPartition, KeyRow) { ["Key"] = fresh }, ct);
            return fresh;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Another instance made it first: everyone signs with that one.
            return (await table.GetEntityAsync<TableEntity>(KeyPartition, KeyRow, cancellationToken: ct)).Value.GetBinary("Key");
        }
    }
}
