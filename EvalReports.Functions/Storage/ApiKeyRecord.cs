namespace EvalReports.Storage;

/// <summary>A stored API key: never the key itself, only a salted HMAC of its secret part.</summary>
public sealed record ApiKeyRecord
{
    public required string KeyId { get; init; }
    public required string WorkspaceUuid { get; init; }
    public required string Name { get; init; }
    public required byte[] Salt { get; init; }
    public required byte[] Hash { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
}
