using System.Security.Cryptography;
using System.Text;
using EvalReports.Errors;

namespace EvalReports.Api;

/// <summary>
/// A request body read once, as it arrives: at most <c>max</c> bytes (else 413), valid UTF-8 (else 400), and a
/// SHA-256 of every byte for the Idempotency-Key fingerprint. Nothing is buffered beyond the reader's own chunk, so a
/// JSON body can be deserialized straight from it without a copy of the whole body in bytes or in UTF-16.
/// </summary>
public sealed class RequestBodyStream(Stream inner, long max) : Stream
{
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly Decoder utf8 = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
    private readonly char[] scratch = new char[16 * 1024];
    private bool ended;
    private byte[] pending = [];
    private int pendingAt;

    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    /// <summary>The SHA-256 of the whole body (reads whatever the parser left unread, so trailing bytes count too).</summary>
    public async Task<byte[]> HashAsync(CancellationToken ct)
    {
        var rest = new byte[8 * 1024];
        while (await ReadAsync(rest, ct) > 0)
        {
        }

        return hash.GetCurrentHash();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <summary>
    /// The first byte that is not JSON whitespace (null for an empty body), read ahead and kept for the next reads.
    /// </summary>
    public async Task<byte?> PeekFirstSignificantByteAsync(CancellationToken ct)
    {
        var seen = new MemoryStream();
        var chunk = new byte[4096];
        while (true)
        {
            var read = await inner.ReadAsync(chunk, ct);
            Accept(chunk.AsSpan(0, read));
            seen.Write(chunk, 0, read);
            var text = chunk.AsSpan(0, read);
            var at = text.IndexOfAnyExcept(" \t\r\n"u8);
            if (read == 0 || at >= 0)
            {
                pending = seen.ToArray();
                pendingAt = 0;
                return read == 0 ? null : text[at];
            }
        }
    }

    public override int Read(Span<byte> buffer)
    {
        if (TakePending(buffer) is var served and > 0)
        {
            return served;
        }

        var read = inner.Read(buffer);
        return Accept(buffer[..read]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (TakePending(buffer.Span) is var served and > 0)
        {
            return served;
        }

        var read = await inner.ReadAsync(buffer, cancellationToken);
        return Accept(buffer.Span[..read]);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            hash.Dispose();
        }

        base.Dispose(disposing);
    }

    private int TakePending(Span<byte> buffer)
    {
        var count = Math.Min(buffer.Length, pending.Length - pendingAt);
        if (count <= 0)
        {
            return 0;
        }

        pending.AsSpan(pendingAt, count).CopyTo(buffer);
        pendingAt += count;
        return count;
    }

    private int Accept(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            if (!ended)
            {
                ended = true;
                Decode([], flush: true); // a sequence cut off at the very end
            }

            return 0;
        }

        BytesRead += bytes.Length;
        if (BytesRead > max)
        {
            throw ApiErrors.PayloadTooLarge(max);
        }

        Decode(bytes, flush: false);
        hash.AppendData(bytes);
        return bytes.Length;
    }

    private void Decode(ReadOnlySpan<byte> bytes, bool flush)
    {
        try
        {
            do
            {
                utf8.Convert(bytes, scratch, flush, out var used, out _, out _);
                bytes = bytes[used..];
            }
            while (!bytes.IsEmpty);
        }
        catch (DecoderFallbackException)
        {
            throw ApiErrors.InvalidFormat("The request body is not valid UTF-8.");
        }
    }
}
