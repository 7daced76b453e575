using System.Collections.Concurrent;
using EvalReports.Storage;

namespace EvalReports.Auth;

/// <summary>
/// Key records by key id, held in memory briefly so that requests do not read storage each time: a known key for
/// <see cref="KnownFor"/>, an unknown key id for <see cref="UnknownFor"/>. Concurrent requests for one key id share
/// one read. The secret is still checked on every request (against the cached salted hash) and expiry against the
/// clock, so only a revocation made on another instance can take up to <see cref="KnownFor"/> to apply here; on the
/// instance that revoked or issued a key, <see cref="Forget"/> applies it at once. Both kinds are bounded in number,
/// so a flood of random keys cannot grow memory: past the bound, an unknown id is answered but not remembered.
/// </summary>
public sealed class ApiKeyCache
{
    /// <summary>How long a revocation made on another instance may take to apply here.</summary>
    public static readonly TimeSpan KnownFor = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Key ids are 64 random bits that become known only when issued, and issuing on this instance forgets the id at
    /// once, so remembering "unknown" longer only delays a key issued elsewhere whose id was presented here before
    /// it existed — which only a guess can do.
    /// </summary>
    public static readonly TimeSpan UnknownFor = TimeSpan.FromMinutes(5);

    /// <summary>About 110 bytes each (16-char id, dictionary node, time): at most ~5.5 MB.</summary>
    public const int MaxUnknown = 50_000;

    /// <summary>Real keys are few (an admin issues them); bounded all the same.</summary>
    public const int MaxKnown = 100_000;

    private readonly ApiKeyStore store;
    private readonly TimeProvider clock;
    private readonly int maxUnknown;
    private readonly ConcurrentDictionary<string, (ApiKeyRecord Record, DateTimeOffset At)> known = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> unknown = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<ApiKeyRecord?>>> pending = new(StringComparer.Ordinal);
    private long generation;
    private long lastSweepTicks;

    public ApiKeyCache(ApiKeyStore store, TimeProvider clock)
        : this(store, clock, MaxUnknown)
    {
    }

    internal ApiKeyCache(ApiKeyStore store, TimeProvider clock, int maxUnknown)
    {
        this.store = store;
        this.clock = clock;
        this.maxUnknown = maxUnknown;
    }

    /// <summary>How many key ids are remembered (known and unknown).</summary>
    internal int Count => known.Count + unknown.Count;

    public async Task<ApiKeyRecord?> GetAsync(string keyId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        if (known.TryGetValue(keyId, out var hit) && now - hit.At < KnownFor)
        {
            return hit.Record;
        }

        if (unknown.TryGetValue(keyId, out var at) && now - at < UnknownFor)
        {
            return null;
        }

        var lookup = pending.GetOrAdd(keyId, id => new Lazy<Task<ApiKeyRecord?>>(() => LoadAsync(id)));
        return await lookup.Value.WaitAsync(ct);
    }

    /// <summary>Drops what this instance holds for the key id, reads in flight included (after issuing or revoking it here).</summary>
    public void Forget(string keyId)
    {
        Interlocked.Increment(ref generation);
        known.TryRemove(keyId, out _);
        unknown.TryRemove(keyId, out _);
        pending.TryRemove(keyId, out _);
    }

    private async Task<ApiKeyRecord?> LoadAsync(string keyId)
    {
        var started = Interlocked.Read(ref generation);
        var at = clock.GetUtcNow();
        try
        {
            // Not the caller's token: other requests may be waiting on this read too.
            var record = await store.GetAsync(keyId, CancellationToken.None).ConfigureAwait(false);

            // A Forget while this read was in flight may mean it read the key as it was before a revocation.
            if (Interlocked.Read(ref generation) == started)
            {
                Remember(keyId, record, at);
            }

            return record;
        }
        finally
        {
            pending.TryRemove(keyId, out _);
        }
    }

    private void Remember(string keyId, ApiKeyRecord? record, DateTimeOffset at)
    {
        if (record is not null)
        {
            unknown.TryRemove(keyId, out _);
            if (known.Count < MaxKnown || DropStale(known, e => e.At, KnownFor, at) < MaxKnown)
            {
                known[keyId] = (record, at);
            }
        }
        else if (unknown.Count < maxUnknown || DropStale(unknown, e => e, UnknownFor, at) < maxUnknown)
        {
            unknown[keyId] = at;
        }
    }

    /// <summary>
    /// Removes entries older than <paramref name="lifetime"/>, at most once a second (a full cache under a flood must
    /// not scan itself per request); returns how many are left.
    /// </summary>
    private int DropStale<T>(ConcurrentDictionary<string, T> entries, Func<T, DateTimeOffset> loadedAt, TimeSpan lifetime, DateTimeOffset now)
    {
        var last = Interlocked.Read(ref lastSweepTicks);
        if (now.UtcTicks - last < TimeSpan.TicksPerSecond || Interlocked.CompareExchange(ref lastSweepTicks, now.UtcTicks, last) != last)
        {
            return entries.Count;
        }

        foreach (var entry in entries)
        {
            if (now - loadedAt(entry.Value) >= lifetime)
            {
                entries.TryRemove(entry);
            }
        }

        return entries.Count;
    }
}
