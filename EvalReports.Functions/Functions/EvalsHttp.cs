using EvalReports.Api;
using EvalReports.Contracts;
using EvalReports.Evals;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace EvalReports.Functions;

/// <summary>HTTP adapters for /v2/evals: the evals behind imported runs, for the SDK's data frames and plots.</summary>
public sealed class EvalsHttp(HttpApi api, EvalService evals)
{
    [Function("ListEvals")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v2/evals")] HttpRequest request) =>
        api.HandleWithApiKeyAsync(request, async caller =>
        {
            var (limit, offset) = QueryParameters.Paging(request.Query["limit"], request.Query["offset"]);
            return HttpApi.Ok(await evals.ListAsync(caller, limit, offset, request.HttpContext.RequestAborted));
        });

    [Function("GetEval")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v2/evals/{evalUuid}")] HttpRequest request,
        string evalUuid) =>
        api.HandleWithApiKeyAsync(request, async caller =>
            HttpApi.Ok(await evals.GetAsync(caller, Ids.RequireInPath(evalUuid, "Eval"), request.HttpContext.RequestAborted)));

    [Function("ListEvalPrompts")]
    public Task<IActionResult> ListPrompts(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v2/evals/{evalUuid}/prompts")] HttpRequest request,
        string evalUuid) =>
        api.HandleWithApiKeyAsync(request, async caller =>
        {
            var (limit, offset) = QueryParameters.Paging(request.Query["limit"], request.Query["offset"]);
            var id = Ids.RequireInPath(evalUuid, "Eval");
            return HttpApi.Ok(await evals.ListPromptsAsync(caller, id, limit, offset, request.HttpContext.RequestAborted));
        });
}
