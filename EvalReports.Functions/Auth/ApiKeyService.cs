using System.Security.Cryptography;
using EvalReports.Contracts;
using EvalReports.Errors;
using EvalReports.Storage;

namespace EvalReports.Auth;

/// <summary>Issues and revokes API keys. The plain key is returned once, at creation, and never stored.</summary>
public sealed class ApiKeyService(ApiKeyStore keys, ApiKeyCache cache, TimeProvider clock)
{
    public async Task<IssuedApiKey> CreateAsync(CreateApiKeyRequest request, CancellationToken ct = default)
    {
        var workspace = Ids.Require(request.WorkspaceUuid, "workspace_uuid");
        var name = string.IsNullOrWhiteSpace(request.Name) ? "api key" : request.Name.Trim();
        if (name.Length > 200)
        {
            throw ApiErrors.InvalidRequest("name is longer than 200 characters.", "name");
        }

        var now = clock.GetUtcNow();
        if (request.ExpiresAt is { } expires && expires <= now)
        {
            throw ApiErrors.InvalidRequest("expires_at must be in the future.", "expires_at");
        }

        var (keyId, secret) = ApiKeyFormat.NewKey();
        var salt = RandomNumberGenerator.GetBytes(16);
        var record = new ApiKeyRecord
        {
            KeyId = keyId,
            WorkspaceUuid = workspace,
            Name = name,
            Salt = salt,
            Hash = ApiKeyFormat.Hash(salt, secret),
            CreatedAt = now,
            ExpiresAt = request.ExpiresAt?.ToUniversalTime(),
        };
        await keys.AddAsync(record, ct);
        cache.Forget(keyId);
        return new IssuedApiKey(keyId, ApiKeyFormat.Compose(keyId, secret), workspace, name, now, record.ExpiresAt);
    }

    /// <summary>Revokes the key: at once on this instance, within <see cref="ApiKeyCache.KnownFor"/> on the others.</summary>
    public async Task RevokeAsync(string keyId, CancellationToken ct = default)
    {
        var revoked = await keys.RevokeAsync(Ids.RequireInPath(keyId, "API key"), clock.GetUtcNow(), ct);
        cache.Forget(keyId);
        if (!revoked)
        {
            throw ApiErrors.NotFound("API key not found.");
        }
    }
}

public sealed record CreateApiKeyRequest(string? WorkspaceUuid, string? Name, DateTimeOffset? ExpiresAt);

public sealed record IssuedApiKey(
    string KeyId, string ApiKey, string WorkspaceUuid, string Name, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt);
