using Microsoft.AspNetCore.Http;

namespace EvalReports.Api;

/// <summary>
/// What an error tells a client about retrying. The official SDKs retry 408, 409, 429 and every 5xx (twice, 0.5 s
/// doubling) unless the response says <c>x-should-retry: false</c>, and wait what <c>Retry-After</c> says (0–60 s).
/// A retry cannot fix a bad request, a bad key, a missing resource, a conflict that stays a conflict, or a used-up
/// quota, so those say false; storage being unreachable and an Idempotency-Key still in progress say when to come back.
/// </summary>
public static class RetryAdvice
{
    public const string ShouldRetryHeader = "x-should-retry";
    public const string RetryAfterHeader = "Retry-After";

    /// <summary>Seconds to wait before retrying when Table Storage was unreachable.</summary>
    public const int StorageRetryAfterSeconds = 5;

    /// <summary>Seconds to wait for the first request holding the same Idempotency-Key (most finish within a few seconds).</summary>
    public const int InProgressRetryAfterSeconds = 2;

    public const string InProgressReason = "idempotency_key_in_progress";

    public static void Apply(IHeaderDictionary headers, int status, IReadOnlyDictionary<string, object?>? details)
    {
        if (status == 409 && details is not null && details.TryGetValue("reason", out var reason) && reason as string == InProgressReason)
        {
            headers[ShouldRetryHeader] = "true";
            headers[RetryAfterHeader] = InProgressRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (status == 503)
        {
            headers[ShouldRetryHeader] = "true";
            headers[RetryAfterHeader] = StorageRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (status is >= 400 and < 500)
        {
            // 400, 401, 403, 404, 405, 409, 413, 422 and the quota's 429: the same request gets the same answer.
            headers[ShouldRetryHeader] = "false";
        }
    }
}
