namespace EvalReports.Errors;

/// <summary>The contract's error codes, each with its HTTP status.</summary>
public static class ApiErrors
{
    public static ApiException InvalidFormat(string message) => new(400, "validation.invalid_format", message);

    public static ApiException InvalidRequest(string message, string? field = null) =>
        new(422, "validation.invalid_request", message, field is null ? null : new Dictionary<string, object?> { ["field"] = field });

    public static ApiException InvalidKey(string message = "A valid x-api-key header is required.") => new(401, "auth.invalid_key", message);

    public static ApiException ExpiredKey() => new(401, "auth.expired_key", "The API key has expired.");

    public static ApiException InsufficientPermissions(string message) => new(403, "auth.insufficient_permissions", message);

    public static ApiException NotFound(string message, IReadOnlyDictionary<string, object?>? details = null) =>
        new(404, "resource.not_found", message, details);

    public static ApiException Conflict(string message, IReadOnlyDictionary<string, object?>? details = null) =>
        new(409, "resource.conflict", message, details);

    public static ApiException PayloadTooLarge(long limit) =>
        new(413, "validation.invalid_request", $"The request body is larger than {limit} bytes.", new Dictionary<string, object?> { ["max_bytes"] = limit });

    /// <summary>405: the path exists, for other methods (listed in the Allow header and in details.allow).</summary>
    public static ApiException MethodNotAllowed(IReadOnlyList<string> allow) =>
        new(405, "resource.not_found", $"This method is not supported here; this path takes {string.Join(", ", allow)}.",
            new Dictionary<string, object?> { ["allow"] = allow });

    public static ApiException QuotaExceeded(string message, IReadOnlyDictionary<string, object?> details) =>
        new(429, "quota.limit_exceeded", message, details);
}
