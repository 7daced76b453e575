using EvalReports.Api;

namespace EvalReports.Idempotency;

/// <summary>
/// Runs a creating request at most once per Idempotency-Key (per workspace and endpoint, for the configured time).
/// The first request claims the key; a repeat with the same fingerprint gets the first one's status code and the
/// same resource, rebuilt from storage; a repeat with another fingerprint, or one that arrives while the first is
/// still running, is 409. A request that fails releases its key, so failures are not replayed.
/// </summary>
public sealed class IdempotentRequests(IdempotencyStore store, EvalReportsSettings settings, TimeProvider clock)
{
    /// <summary>How long a claim may stay unfinished before another request may take the key over (a crashed worker).</summary>
    public static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(5);

    public async Task<(int Status, T Value)> RunAsync<T>(
        string workspace,
        IdempotentRequest request,
        int status,
        Func<Task<(T Value, string ResourceUuid)>> create,
        Func<string, Task<T>> replay,
        CancellationToken ct)
    {
        var rowKey = request.RowKey;
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var now = clock.GetUtcNow();
            var existing = await store.GetAsync(workspace, rowKey, ct);
            if (existing is { Record: var record } && !IsOver(record, now))
            {
                if (record.Fingerprint != request.Fingerprint)
                {
                    throw Conflict("This Idempotency-Key was already used with a different request.", "idempotency_key_reused");
                }

                if (!record.Completed)
                {
                    throw Conflict("A request with this Idempotency-Key is still in progress; retry shortly.", "idempotency_key_in_progress");
                }

                return (record.StatusCode, await replay(record.ResourceUuid!));
            }

            var pending = new IdempotencyRecord(request.Fingerprint, false, 0, null, now, now + settings.IdempotencyTtl);
            if (await store.TryClaimAsync(workspace, rowKey, pending, existing?.ETag, ct) is not { } claim)
            {
                continue; // another request claimed it first: read what it wrote
            }

            (T Value, string ResourceUuid) created;
            try
            {
                created = await create();
            }
            catch
            {
                await store.ReleaseAsync(workspace, rowKey, claim);
                throw;
            }

            try
            {
                await store.CompleteAsync(workspace, rowKey, pending with { Completed = true, StatusCode = status, ResourceUuid = created.ResourceUuid }, claim, CancellationToken.None);
            }
            catch (Exception)
            {
                // The resource is created and committed: answering 5xx now would make the client (the SDKs retry
                // every 5xx) create it again. The claim stays pending, so a repeat within ClaimTimeout gets 409
                // "in progress" rather than a second resource.
            }

            return (status, created.Value);
        }

        throw Conflict("A request with this Idempotency-Key is still in progress; retry shortly.", "idempotency_key_in_progress");
    }

    private static bool IsOver(IdempotencyRecord record, DateTimeOffset now) =>
        now >= record.ExpiresAt || (!record.Completed && now >= record.CreatedAt + ClaimTimeout);

    private static ApiException Conflict(string message, string reason) =>
        ApiErrors.Conflict(message, new Dictionary<string, object?> { ["reason"] = reason, ["field"] = IdempotencyKey.Header });
}
