using System.Security.Cryptography;
using System.Text;

namespace EvalReports.Idempotency;

/// <summary>
/// One POST as idempotency sees it: the operation (endpoint), the key, and a fingerprint of what was asked — the
/// query parameters (sorted) and the exact body bytes. Only hashes of these are stored.
/// </summary>
public sealed record IdempotentRequest(string Operation, string Key, string Fingerprint)
{
    public static IdempotentRequest Create(string operation, string key, IEnumerable<KeyValuePair<string, string?>> query, string body)
    {
        var canonical = new StringBuilder().Append(operation).Append('\n');
        foreach (var (name, value) in query.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal))
        {
            canonical.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value ?? "")).Append('&');
        }

        canonical.Append('\n').Append(body);
        return new IdempotentRequest(operation, key, Sha256(canonical.ToString()));
    }

    public string RowKey => Sha256($"{Operation}\n{Key}");

    private static string Sha256(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
