using System.Security.Cryptography;
using Azure.Data.Tables;
using EvalReports.Auth;
using EvalReports.Errors;
using EvalReports.Storage;
using EvalReports.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace EvalReports.Tests.Auth;

/// <summary>
/// Verified keys are held in memory for a minute, unknown key ids for five, bounded in number; revocation applies at
/// once on the instance that revoked and within the minute elsewhere; expiry and the secret are checked every time.
/// Two "instances" are two independent caches over the same Azurite tables; the clock is a fake one.
/// </summary>
public sealed class ApiKeyCacheTests(Azurite azurite) : IClassFixture<Azurite>
{
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_revocation_applies_at_once_on_the_revoking_instance_and_within_the_minute_on_another()
    {
        var a = NewInstance();
        var b = NewInstance();
        var issued = await a.Service.CreateAsync(new CreateApiKeyRequest("ws-rev", "k", null));
        Assert.Equal("ws-rev", (await a.Authenticator.AuthenticateAsync(issued.ApiKey)).WorkspaceUuid);
        Assert.Equal("ws-rev", (await b.Authenticator.AuthenticateAsync(issued.ApiKey)).WorkspaceUuid);

        await a.Service.RevokeAsync(issued.KeyId);

        await AssertRejectedAsync(a, issued.ApiKey, "auth.invalid_key");
        clock.Advance(ApiKeyCache.KnownFor - TimeSpan.FromSeconds(1));
        Assert.Equal("ws-rev", (await b.Authenticator.AuthenticateAsync(issued.ApiKey)).WorkspaceUuid); // still in b's window
        clock.Advance(TimeSpan.FromSeconds(1));
        await AssertRejectedAsync(b, issued.ApiKey, "auth.invalid_key");
    }

    [Fact]
    public async Task A_cached_key_is_refused_from_the_moment_it_expires()
    {
        var a = NewInstance();
        var issued = await a.Service.CreateAsync(new CreateApiKeyRequest("ws-exp", "k", clock.GetUtcNow().AddSeconds(30)));
        await a.Authenticator.AuthenticateAsync(issued.ApiKey);
        var reads = a.Reads.Count;

        clock.Advance(TimeSpan.FromSeconds(30));

        await AssertRejectedAsync(a, issued.ApiKey, "auth.expired_key");
        Assert.Equal(reads, a.Reads.Count); // decided from the cached record
    }

    [Fact]
    public async Task A_known_key_is_read_once_per_minute_however_many_requests_and_a_wrong_secret_never_reads()
    {
        var a = NewInstance();
        var issued = await a.Service.CreateAsync(new CreateApiKeyRequest("ws-hot", "k", null));
        var before = a.Reads.Count;

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => a.Authenticator.AuthenticateAsync(issued.ApiKey)));
        Assert.Equal(before + 1, a.Reads.Count);

        var forged = issued.ApiKey[..^4] + (issued.ApiKey[^4..] == "AAAA" ? "BBBB" : "AAAA");
        await AssertRejectedAsync(a, forged, "auth.invalid_key");
        Assert.Equal(before + 1, a.Reads.Count);

        clock.Advance(ApiKeyCache.KnownFor);
        await a.Authenticator.AuthenticateAsync(issued.ApiKey);
        Assert.Equal(before + 2, a.Reads.Count);
    }

    [Fact]
    public async Task A_flood_of_random_keys_reads_the_store_once_per_key_per_window_and_memory_stays_bounded()
    {
        const int bound = 100;
        var a = NewInstance(maxUnknown: bound);
        var random = Enumerable.Range(0, bound).Select(_ => RandomKey()).ToList();

        // Each random key three times, all at once.
        await Task.WhenAll(random.Concat(random).Concat(random).Select(k => AssertRejectedAsync(a, k, "auth.invalid_key")));
        Assert.Equal(bound, a.Reads.Count);
        Assert.Equal(bound, a.Cache.Count);

        clock.Advance(ApiKeyCache.UnknownFor - TimeSpan.FromSeconds(1));
        await Task.WhenAll(random.Select(k => AssertRejectedAsync(a, k, "auth.invalid_key")));
        Assert.Equal(bound, a.Reads.Count);

        // Three times the bound in new keys: each is still read (and refused), but the cache does not grow past it.
        await Task.WhenAll(Enumerable.Range(0, 3 * bound).Select(_ => AssertRejectedAsync(a, RandomKey(), "auth.invalid_key")));
        Assert.Equal(4 * bound, a.Reads.Count);
        Assert.True(a.Cache.Count <= bound, $"{a.Cache.Count} key ids held");

        // Once the first ones are stale, room is made for new ones again.
        clock.Advance(TimeSpan.FromSeconds(2));
        var late = RandomKey();
        await AssertRejectedAsync(a, late, "auth.invalid_key");
        await AssertRejectedAsync(a, late, "auth.invalid_key");
        Assert.Equal(4 * bound + 1, a.Reads.Count);
        Assert.True(a.Cache.Count <= bound, $"{a.Cache.Count} key ids held");
    }

    [Fact]
    public async Task A_key_issued_after_its_id_was_looked_up_on_this_instance_works_at_once()
    {
        var a = NewInstance();
        var issued = await a.Service.CreateAsync(new CreateApiKeyRequest("ws-new", "k", null));
        await a.Service.RevokeAsync(issued.KeyId);
        await AssertRejectedAsync(a, issued.ApiKey, "auth.invalid_key");

        var again = await a.Service.CreateAsync(new CreateApiKeyRequest("ws-new", "k2", null));

        Assert.Equal("ws-new", (await a.Authenticator.AuthenticateAsync(again.ApiKey)).WorkspaceUuid);
    }

    [Fact]
    public async Task Keys_are_spread_one_partition_per_key_and_a_key_in_the_old_single_partition_still_works()
    {
        // Tables of its own: a legacy row makes every instance over the table look there too.
        var prefix = azurite.Prefix + "legacy";
        var a = NewInstance(prefix: prefix);
        var issued = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => a.Service.CreateAsync(new CreateApiKeyRequest("ws-part", $"k{i}", null))));
        var table = azurite.Service.GetTableClient(prefix + TableStorage.ApiKeys);
        var partitions = new HashSet<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
        {
            partitions.Add(row.PartitionKey);
        }

        Assert.Equal(issued.Select(k => k.KeyId).ToHashSet(), partitions);

        // A key stored the way keys were stored before: partition "keys", row = key id.
        var (keyId, secret) = ApiKeyFormat.NewKey();
        var salt = RandomNumberGenerator.GetBytes(16);
        await table.AddEntityAsync(new TableEntity("keys", keyId)
        {
            ["WorkspaceUuid"] = "ws-legacy", ["Name"] = "old", ["Salt"] = salt, ["Hash"] = ApiKeyFormat.Hash(salt, secret), ["CreatedAt"] = clock.GetUtcNow(),
        });
        var fresh = NewInstance(prefix: prefix);
        Assert.Equal("ws-legacy", (await fresh.Authenticator.AuthenticateAsync(ApiKeyFormat.Compose(keyId, secret))).WorkspaceUuid);
        await fresh.Service.RevokeAsync(keyId);
        await AssertRejectedAsync(fresh, ApiKeyFormat.Compose(keyId, secret), "auth.invalid_key");
    }

    private static string RandomKey()
    {
        var (keyId, secret) = ApiKeyFormat.NewKey();
        return ApiKeyFormat.Compose(keyId, secret);
    }

    private static async Task AssertRejectedAsync(Instance instance, string key, string code)
    {
        var error = await Assert.ThrowsAsync<ApiException>(() => instance.Authenticator.AuthenticateAsync(key));
        Assert.Equal(401, error.Status);
        Assert.Equal(code, error.Code);
    }

    /// <param name="prefix">Tables of their own (still under the fixture's prefix, so cleaned up with it).</param>
    private Instance NewInstance(int maxUnknown = ApiKeyCache.MaxUnknown, string? prefix = null)
    {
        prefix ??= azurite.Prefix;
        var reads = new StorageRequestCounter(prefix + TableStorage.ApiKeys);
        var store = new ApiKeyStore(reads.Storage(azurite, prefix));
        var cache = new ApiKeyCache(store, clock, maxUnknown);
        var settings = azurite.Settings(s => s with { DevApiKey = null });
        return new Instance(reads, cache, new ApiKeyAuthenticator(cache, settings, clock), new ApiKeyService(store, cache, clock));
    }

    private sealed record Instance(StorageRequestCounter Reads, ApiKeyCache Cache, ApiKeyAuthenticator Authenticator, ApiKeyService Service);
}
