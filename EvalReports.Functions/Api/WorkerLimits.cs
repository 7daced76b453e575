using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace EvalReports.Api;

/// <summary>
/// The worker's own Kestrel (behind the Functions host's proxy) refuses bodies over its MaxRequestBodySize — by
/// default 30,000,000 bytes, which turned every import between that and our limit into an empty 500. Its limit is
/// made the app's limit, one number (EVALREPORTS_MAX_REQUEST_BODY_MB), set for the server and again per request.
/// </summary>
public static class WorkerLimits
{
    /// <summary>The Functions host's own default request limit (FUNCTIONS_REQUEST_BODY_SIZE_LIMIT): our limit stays at or below it.</summary>
    public const long HostMaxRequestBodyBytes = 104_857_600;

    public static void Apply(KestrelServerOptions options, EvalReportsSettings settings) =>
        options.Limits.MaxRequestBodySize = settings.MaxRequestBodyBytes;

    public static void Apply(HttpContext context, long maxBodyBytes)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = maxBodyBytes;
        }
    }
}
