using System.Security.Cryptography;
using System.Text;

namespace EvalReports.Auth;

/// <summary>
/// Keys look like <c>erk_{16 hex key id}_{43 char secret}</c>. The key id finds the stored record; the secret is
/// checked against a salted HMAC-SHA256 in constant time.
/// </summary>
public static class ApiKeyFormat
{
    private const string Prefix = "erk_";

    public static (string KeyId, string Secret) NewKey()
    {
        var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (keyId, secret);
    }

    public static string Compose(string keyId, string secret) => $"{Prefix}{keyId}_{secret}";

    public static bool TryParse(string presented, out string keyId, out string secret)
    {
        keyId = secret = "";
        if (presented.Length != Prefix.Length + 16 + 1 + 43 || !presented.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var id = presented.AsSpan(Prefix.Length, 16);
        if (presented[Prefix.Length + 16] != '_' || id.ContainsAnyExcept("0123456789abcdef"))
        {
            return false;
        }

        keyId = id.ToString();
        secret = presented[(Prefix.Length + 17)..];
        return true;
    }

    public static byte[] Hash(byte[] salt, string secret) => HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes(secret));

    public static bool Matches(byte[] salt, byte[] expectedHash, string secret) =>
        CryptographicOperations.FixedTimeEquals(Hash(salt, secret), expectedHash);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
