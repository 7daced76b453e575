using EvalReports.Errors;

namespace EvalReports.Api;

/// <summary>
/// Bounds the memory of imports on one worker: a body larger than <see cref="SmallBodyBytes"/> (or of unknown
/// length) is read, parsed and stored only while it holds one of <see cref="LargeImportsAtOnce"/> slots. A request
/// waiting for a slot has read none of its body, so it holds almost nothing. One that waits longer than
/// <see cref="DefaultMaxWait"/> is told to come back (503 with Retry-After), which the SDKs do by themselves.
/// docs/api.md ("Limits") has the arithmetic behind these numbers.
/// </summary>
public sealed class ImportGate(TimeSpan? maxWait = null)
{
    /// <summary>Bodies up to this size skip the gate: even a hundred of them at once are a few hundred MB at most.</summary>
    public const long SmallBodyBytes = 1024 * 1024;

    /// <summary>Large imports parsed at once per worker: 3 × (1.7 × a 32 MiB body + 30 MB of writes) ≈ 255 MB.</summary>
    public const int LargeImportsAtOnce = 3;

    /// <summary>Well inside the host's 230 s request timeout, long enough for a few large imports ahead to finish.</summary>
    public static readonly TimeSpan DefaultMaxWait = TimeSpan.FromSeconds(60);

    private readonly SemaphoreSlim slots = new(LargeImportsAtOnce, LargeImportsAtOnce);

    public int FreeSlots => slots.CurrentCount;

    /// <summary>Enters the gate when the body needs a slot; dispose the result to leave it.</summary>
    public async Task<IAsyncDisposable> EnterAsync(long? contentLength, CancellationToken ct)
    {
        if (contentLength is <= SmallBodyBytes)
        {
            return Left.Instance;
        }

        if (!await slots.WaitAsync(maxWait ?? DefaultMaxWait, ct))
        {
            throw new ApiException(503, "server.internal_error", "Too many large imports are running on this instance; try again shortly.");
        }

        return new Slot(slots);
    }

    private sealed class Slot(SemaphoreSlim slots) : IAsyncDisposable
    {
        private int released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                slots.Release();
            }

            return ValueTask.CompletedTask;
        }
    }

    private sealed class Left : IAsyncDisposable
    {
        public static readonly Left Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
