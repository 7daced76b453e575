using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace EvalReports.Idempotency;

/// <summary>
/// One POST as idempotency sees it: the operation (endpoint), the key, and a fingerprint of what was asked — the
/// query parameters (sorted) and the exact body text. Only hashes of these are stored.
/// </summary>
public sealed record IdempotentRequest(string Operation, string Key, string Fingerprint)
{
    private const int ChunkChars = 32 * 1024;

    public static IdempotentRequest Create(string operation, string key, IEnumerable<KeyValuePair<string, string?>> query, string body)
    {
        var head = new StringBuilder().Append(operation).Append('\n');
        foreach (var (name, value) in query.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal))
        {
            head.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value ?? "")).Append('&');
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(head.Append('\n').ToString()));
        AppendInChunks(hash, body); // bodies run to tens of MB: no second full copy
        return new IdempotentRequest(operation, key, Convert.ToHexString(hash.GetHashAndReset()));
    }

    public string RowKey => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{Operation}\n{Key}")));

    private static void AppendInChunks(IncrementalHash hash, string text)
    {
        var encoder = Encoding.UTF8.GetEncoder();
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(ChunkChars));
        try
        {
            for (var start = 0; start < text.Length; start += ChunkChars)
            {
                var length = Math.Min(ChunkChars, text.Length - start);
                var count = encoder.GetBytes(text.AsSpan(start, length), bytes, flush: start + length == text.Length);
                hash.AppendData(bytes, 0, count);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }
}
