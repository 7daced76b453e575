using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace EvalReports.Tests.Support;

/// <summary>
/// HTTP/1.1 written byte for byte on a loopback socket, so a test can send what HttpClient refuses to: a header
/// twice, a request target exactly as given (encoded slashes, dot segments), any body bytes.
/// </summary>
public static class RawHttp
{
    public static async Task<RawResponse> SendAsync(
        int port, string method, string target, IEnumerable<(string Name, string Value)> headers, byte[]? body, CancellationToken ct = default)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(System.Net.IPAddress.Loopback, port, ct);
        await using var stream = client.GetStream();
        var head = new StringBuilder($"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        if (body is not null)
        {
            head.Append("Content-Length: ").Append(body.Length).Append("\r\n");
        }

        head.Append("\r\n");
        await stream.WriteAsync(Encoding.UTF8.GetBytes(head.ToString()), ct);
        if (body is not null)
        {
            await stream.WriteAsync(body, ct);
        }

        using var received = new MemoryStream();
        await stream.CopyToAsync(received, ct);
        return RawResponse.Parse(received.ToArray());
    }

    /// <summary>A POST whose body is sent with chunked transfer encoding: no Content-Length for the server to check first.</summary>
    public static async Task<RawResponse> SendChunkedAsync(
        int port, string target, IEnumerable<(string Name, string Value)> headers, byte[] body, int chunkSize = 64 * 1024, CancellationToken ct = default)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(System.Net.IPAddress.Loopback, port, ct);
        await using var stream = client.GetStream();
        var head = new StringBuilder($"POST {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()), ct);
        for (var at = 0; at < body.Length; at += chunkSize)
        {
            var size = Math.Min(chunkSize, body.Length - at);
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"{size:X}\r\n"), ct);
            await stream.WriteAsync(body.AsMemory(at, size), ct);
            await stream.WriteAsync("\r\n"u8.ToArray(), ct);
        }

        await stream.WriteAsync("0\r\n\r\n"u8.ToArray(), ct);
        using var received = new MemoryStream();
        await stream.CopyToAsync(received, ct);
        return RawResponse.Parse(received.ToArray());
    }
}

public sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JsonNode? Json => Body.Length == 0 ? null : JsonNode.Parse(Body);

    public static RawResponse Parse(byte[] bytes)
    {
        var end = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
        var lines = Encoding.ASCII.GetString(bytes, 0, end).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = lines.Skip(1)
            .Select(l => l.Split(':', 2))
            .GroupBy(p => p[0].Trim(), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => string.Join(", ", g.Select(p => p[1].Trim())), StringComparer.OrdinalIgnoreCase);
        var body = bytes[(end + 4)..];
        if (headers.TryGetValue("transfer-encoding", out var te) && te.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = Dechunk(body);
        }

        return new RawResponse(status, headers, Encoding.UTF8.GetString(body));
    }

    private static byte[] Dechunk(byte[] chunked)
    {
        using var result = new MemoryStream();
        var at = 0;
        while (true)
        {
            var lineEnd = at + chunked.AsSpan(at).IndexOf("\r\n"u8);
            var size = Convert.ToInt32(Encoding.ASCII.GetString(chunked, at, lineEnd - at).Split(';')[0], 16);
            if (size == 0)
            {
                return result.ToArray();
            }

            result.Write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
