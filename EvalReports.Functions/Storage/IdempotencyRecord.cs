namespace EvalReports.Storage;

/// <summary>
/// What is kept for one Idempotency-Key: a hash of the request, whether it is still running, and enough to rebuild
/// the reply (its status code and the uuid of what it created). Never the key itself, the body, or the reply.
/// </summary>
public sealed record IdempotencyRecord(
    string Fingerprint,
    bool Completed,
    int StatusCode,
    string? ResourceUuid,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt);
