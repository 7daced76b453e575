using EvalReports.Contracts;
using EvalReports.Errors;
using EvalReports.Storage;

namespace EvalReports.Idempotency;

/// <summary>
/// Runs a creating request at most once per Idempotency-Key (per workspace and endpoint, for the configured time).
/// The first request claims the key; a repeat with the same fingerprint gets the first one's status code and the
/// same resource, rebuilt from storage; a repeat with another fingerprint, or one that arrives while the first is
/// still running, is 409. A request that fails releases its key, so failures are not replayed.
/// The uuid of what the request creates is fixed and stored in the claim before anything is created: if the first
/// request created it and then could not mark the key complete, a retry after <see cref="ClaimTimeout"/> finds that
/// resource and returns it, instead of creating a second one (and taking a second quota unit).
/// </summary>
public sealed class IdempotentRequests(IdempotencyStore store, EvalReportsLimits limits, TimeProvider clock)
{
    /// <summary>How long a claim may stay unfinished before another request may take the key over (a crashed worker).</summary>
    public static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(5);

    /// <param name="resourceUuid">The uuid the request asks for (an import's eval_run_uuid), else a new one is made.</param>
    /// <param name="create">Creates the resource under the given uuid; when it already exists, returns it.</param>
    /// <param name="replay">Reads the resource of that uuid back (404 when there is none).</param>
    public async Task<(int Status, T Value)> RunAsync<T>(
        string workspace,
        IdempotentRequest request,
        int status,
        string? resourceUuid,
        Func<string, Task<T>> create,
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

            // Taking over an unfinished claim of the same request: it may have created its resource already.
            var takeover = existing is { Record: { Completed: false, ResourceUuid: { } } abandoned } && abandoned.Fingerprint == request.Fingerprint;
            var id = takeover ? existing!.Value.Record.ResourceUuid! : resourceUuid ?? Ids.NewUuid();
            var pending = new IdempotencyRecord(request.Fingerprint, false, 0, id, now, now + limits.IdempotencyTtl);
            if (await store.TryClaimAsync(workspace, rowKey, pending, existing?.ETag, ct) is not { } claim)
            {
                continue; // another request claimed it first: read what it wrote
            }

            T value;
            try
            {
                value = takeover ? await ReplayOrCreateAsync(id, create, replay) : await create(id);
            }
            catch
            {
                await store.ReleaseAsync(workspace, rowKey, claim);
                throw;
            }

            try
            {
                await store.CompleteAsync(workspace, rowKey, pending with { Completed = true, StatusCode = status }, claim, CancellationToken.None);
            }
            catch (Exception)
            {
                // The resource is created and committed: answering 5xx now would make the client (the SDKs retry
                // every 5xx) send it again. The claim stays pending with the resource's uuid, so a repeat within
                // ClaimTimeout gets 409 "in progress", and one after it takes the claim over and gets this resource.
            }

            return (status, value);
        }

        throw Conflict("A request with this Idempotency-Key is still in progress; retry shortly.", "idempotency_key_in_progress");
    }

    private static async Task<T> ReplayOrCreateAsync<T>(string id, Func<string, Task<T>> create, Func<string, Task<T>> replay)
    {
        try
        {
            return await replay(id);
        }
        catch (ApiException e) when (e.Status == 404)
        {
            return await create(id);
        }
    }

    private static bool IsOver(IdempotencyRecord record, DateTimeOffset now) =>
        now >= record.ExpiresAt || (!record.Completed && now >= record.CreatedAt + ClaimTimeout);

    private static ApiException Conflict(string message, string reason) =>
        ApiErrors.Conflict(message, new Dictionary<string, object?> { ["reason"] = reason, ["field"] = IdempotencyKey.Header });
}
