using Microsoft.AspNetCore.Http;
using EvalReports.Errors;

namespace EvalReports.Api;

/// <summary>
/// Whether a request is for the sandbox: the <c>is_sandbox</c> query parameter, else the <c>X-Use-Sandbox</c> header
/// the official SDKs send on every request (Python's <c>str(bool)</c>: <c>True</c> / <c>False</c>; any case here).
/// The query parameter wins when both are given; a value that is not a boolean is 422 naming what carried it.
/// </summary>
public static class SandboxFlag
{
    public const string Header = "X-Use-Sandbox";

    public static bool Read(HttpRequest request) => ReadIfGiven(request) ?? false;

    /// <summary>The flag when the request states it (query or header), else null.</summary>
    public static bool? ReadIfGiven(HttpRequest request)
    {
        var query = QueryParameters.Boolean(request.Query["is_sandbox"], "is_sandbox");
        var headers = request.Headers[Header];
        if (headers.Count > 1)
        {
            throw ApiErrors.InvalidRequest($"Send at most one {Header} header.", Header);
        }

        var header = QueryParameters.Boolean(headers.Count == 1 ? headers[0] : null, Header);
        return query ?? header;
    }
}
