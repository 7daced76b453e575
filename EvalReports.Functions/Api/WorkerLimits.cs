using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace EvalReports.Api;

/// <summary>
/// The worker's own Kestrel (behind the Functions host's proxy) refused bodies over its MaxRequestBodySize — by
/// default 30,000,000 bytes — by closing the connection mid-upload, which the host's proxy turned into an empty 500
/// for every import between that and our limit. Now one number decides what is accepted: the app's limit
/// (EvalReportsLimits.MaxRequestBodyBytes), which is also the server's MaxRequestBodySize. For a request an endpoint reads,
/// that endpoint enforces the limit itself (413 in the envelope) and lets Kestrel read on to the host's own ceiling
/// only to drain what the client still sends, so the client (and the host's proxy) reads the 413 instead of a reset
/// connection: an SDK would retry a reset, and the proxy answers it with an empty 500.
/// </summary>
public static class WorkerLimits
{
    /// <summary>The Functions host's own default request limit (FUNCTIONS_REQUEST_BODY_SIZE_LIMIT): our limit stays at or below it.</summary>
    public const long HostMaxRequestBodyBytes = 104_857_600;

    public static void Apply(KestrelServerOptions options, EvalReportsLimits limits) =>
        options.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes;

    /// <summary>For a body the app reads and bounds itself: Kestrel may drain up to the host's ceiling after a 413.</summary>
    public static void AllowDrain(HttpContext context)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = Math.Max(feature.MaxRequestBodySize ?? 0, HostMaxRequestBodyBytes);
        }
    }
}
