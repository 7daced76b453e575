using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace EvalReports.Sharing;

/// <summary>
/// Share tokens: base64url(payload) "." base64url(HMAC-SHA256(key, payload)), the payload a JSON array
/// ["v1", workspace, report, share id, expiry (unix seconds)]. Anything that does not verify is simply not a token.
/// </summary>
public static class ShareTokens
{
    public sealed record Claims(string WorkspaceUuid, string ReportUuid, string ShareId, DateTimeOffset ExpiresAt);

    private const string Version = "v1";
    private const int MaxTokenChars = 1024;

    public static string Sign(byte[] key, Claims claims)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new[]
        {
            Version, claims.WorkspaceUuid, claims.ReportUuid, claims.ShareId, claims.ExpiresAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        return Base64Url(payload) + "." + Base64Url(HMACSHA256.HashData(key, payload));
    }

    /// <summary>The claims of a genuine token (not checked for expiry or revocation), else null.</summary>
    public static Claims? Verify(byte[] key, string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenChars || token.Split('.') is not [var payloadPart, var macPart])
        {
            return null;
        }

        if (FromBase64Url(payloadPart) is not { } payload || FromBase64Url(macPart) is not { } mac ||
            !CryptographicOperations.FixedTimeEquals(mac, HMACSHA256.HashData(key, payload)))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<string[]>(payload) is [Version, var workspace, var report, var share, var expires] &&
                   long.TryParse(expires, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
                ? new Claims(workspace, report, share, DateTimeOffset.FromUnixTimeSeconds(seconds))
                : null;
        }
        catch (Exception e) when (e is JsonException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
        var buffer = new byte[padded.Length];
        return Convert.TryFromBase64String(padded, buffer, out var written) ? buffer[..written] : null;
    }
}
