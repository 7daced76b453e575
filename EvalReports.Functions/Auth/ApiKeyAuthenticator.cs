using System.Security.Cryptography;
using System.Text;
using EvalReports.Errors;

namespace EvalReports.Auth;

/// <summary>
/// Turns the presented x-api-key into a <see cref="Caller"/>, or throws the contract's auth error. Key records come
/// through <see cref="ApiKeyCache"/>; the secret and expiry are checked on every request.
/// </summary>
public sealed class ApiKeyAuthenticator(ApiKeyCache keys, EvalReportsSettings settings, TimeProvider clock)
{
    private readonly byte[]? devKeyHash = settings.DevApiKey is { } dev ? SHA256.HashData(Encoding.UTF8.GetBytes(dev)) : null;

    public async Task<Caller> AuthenticateAsync(string? presented, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(presented) || presented.Length > 256)
        {
            throw ApiErrors.InvalidKey();
        }

        if (devKeyHash is not null &&
            CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), devKeyHash))
        {
            return new Caller(settings.DevWorkspaceUuid, "dev");
        }

        if (!ApiKeyFormat.TryParse(presented, out var keyId, out var secret) ||
            await keys.GetAsync(keyId, ct) is not { } key ||
            !ApiKeyFormat.Matches(key.Salt, key.Hash, secret) ||
            key.RevokedAt is not null)
        {
            throw ApiErrors.InvalidKey("The API key is not valid.");
        }

        if (key.ExpiresAt is { } expires && expires <= clock.GetUtcNow())
        {
            throw ApiErrors.ExpiredKey();
        }

        return new Caller(key.WorkspaceUuid, key.KeyId);
    }
}
