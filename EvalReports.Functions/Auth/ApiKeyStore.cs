using Azure;
using Azure.Data.Tables;
using EvalReports.Storage;

namespace EvalReports.Auth;

/// <summary>API keys by key id (one partition; a key is found by a point read).</summary>
public sealed class ApiKeyStore(TableStorage storage)
{
    private const string Partition = "keys";

    public async Task<ApiKeyRecord?> GetAsync(string keyId, CancellationToken ct = default)
    {
        var table = await storage.GetTableAsync(TableStorage.ApiKeys);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(Partition, keyId, cancellationToken: ct);
        if (!response.HasValue)
        {
            return null;
        }

        var e = response.Value!;
        return new ApiKeyRecord
        {
            KeyId = e.RowKey,
            WorkspaceUuid = e.GetString("WorkspaceUuid"),
            Name = e.GetString("Name"),
            Salt = e.GetBinary("Salt"),
            Hash = e.GetBinary("Hash"),
            CreatedAt = e.GetDateTimeOffset("CreatedAt")!.Value,
            ExpiresAt = e.GetDateTimeOffset("ExpiresAt"),
            RevokedAt = e.GetDateTimeOffset("RevokedAt"),
        };
    }

    public async Task AddAsync(ApiKeyRecord key, CancellationToken ct = default)
    {
        var table = await storage.GetTableAsync(TableStorage.ApiKeys);
        await table.AddEntityAsync(
            new TableEntity(Partition, key.KeyId)
            {
                ["WorkspaceUuid"] = key.WorkspaceUuid,
                ["Name"] = key.Name,
                ["Salt"] = key.Salt,
                ["Hash"] = key.Hash,
                ["CreatedAt"] = key.CreatedAt,
                ["ExpiresAt"] = key.ExpiresAt,
            },
            ct);
    }

    /// <summary>Marks a key revoked; false when there is no such key.</summary>
    public async Task<bool> RevokeAsync(string keyId, DateTimeOffset at, CancellationToken ct = default)
    {
        var table = await storage.GetTableAsync(TableStorage.ApiKeys);
        try
        {
            await table.UpdateEntityAsync(new TableEntity(Partition, keyId) { ["RevokedAt"] = at }, ETag.All, TableUpdateMode.Merge, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }
}
