using EvalReports.Api;
using EvalReports.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace EvalReports.Functions;

/// <summary>
/// Every /v2 request that no other function takes gets the contract's envelope: 404, or 405 with Allow when the
/// path exists for other methods. The Functions host tries routes in the order of their functions' names (ordinal,
/// ignoring case) and takes the first that matches, whatever ASP.NET's precedence would say; so this function's name
/// must sort after every other one (FunctionMetadataTests fails otherwise), or it would take every request.
/// </summary>
public sealed class UnmatchedRouteHttp(HttpApi api)
{
    /// <summary>
    /// Letters only, starting "Zzz": last whether the host folds case to upper or to lower before comparing (an
    /// underscore would sort after letters in one and before them in the other).
    /// </summary>
    public const string FunctionName = "ZzzUnmatchedRoute";

    [Function(FunctionName)]
    public Task<IActionResult> Refuse(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "put", "patch", "delete", "head", "options", Route = "v2/{*rest}")] HttpRequest request) =>
        api.HandleAsync(request, () =>
        {
            var allowed = RouteTable.MethodsFor(request.Path.Value ?? "", FunctionName);
            throw allowed.Count == 0
                ? ApiErrors.NotFound("No such endpoint (docs/api.md lists the routes).")
                : ApiErrors.MethodNotAllowed(allowed);
        });
}
