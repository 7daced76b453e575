namespace EvalReports.Exports;

/// <summary>
/// Writers write synchronously into a small in-memory buffer, which is copied to the response asynchronously whenever
/// it passes <see cref="Threshold"/> (the response body forbids synchronous writes). Memory stays at one buffer,
/// however many responses are written.
/// </summary>
public sealed class ExportBuffer(Stream output) : IDisposable
{
    public const int Threshold = 64 * 1024;

    private readonly MemoryStream buffer = new(Threshold * 2);

    public Stream Stream => buffer;

    public async ValueTask PumpAsync(Action flushWriter, CancellationToken ct, bool force = false)
    {
        flushWriter();
        if (force || buffer.Length >= Threshold)
        {
            buffer.Position = 0;
            await buffer.CopyToAsync(output, ct);
            buffer.SetLength(0);
            if (force)
            {
                await output.FlushAsync(ct);
            }
        }
    }

    public void Dispose() => buffer.Dispose();
}
