using EvalReports.Api;
using EvalReports.Contracts;
using EvalReports.Idempotency;
using EvalReports.Runs;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace EvalReports.Functions;

/// <summary>HTTP adapters for /v2/eval-runs: importing scored runs and reading them back.</summary>
public sealed class EvalRunsHttp(HttpApi api, EvalRunService runs, IdempotentRequests idempotent)
{
    [Function("ImportEvalRun")]
    public Task<IActionResult> Import(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v2/eval-runs")] HttpRequest request) =>
        api.RunAsync(request, async caller =>
        {
            var ct = request.HttpContext.RequestAborted;
            var body = await api.ReadBodyAsync(request);
            var import = JsonBody.Parse<EvalRunImport>(body);
            var (status, run) = await idempotent.RunAsync(caller, request, "import-eval-run", body, 201, import.EvalRunUuid,
                id => runs.ImportAsync(caller, import, id, ct),
                id => runs.GetAsync(caller, id, ct));
            return HttpApi.Ok(run, status);
        });

    [Function("GetEvalRun")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v2/eval-runs/{evalRunUuid}")] HttpRequest request,
        string evalRunUuid) =>
        api.RunAsync(request, async caller =>
            HttpApi.Ok(await runs.GetAsync(caller, Ids.RequireInPath(evalRunUuid, "Eval run"), request.HttpContext.RequestAborted)));

    [Function("ListEvalRuns")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v2/eval-runs")] HttpRequest request) =>
        api.RunAsync(request, async caller =>
        {
            var (limit, offset) = QueryParameters.Paging(request.Query["limit"], request.Query["offset"]);
            string? evalUuid = request.Query["eval_uuid"];
            return HttpApi.Ok(await runs.ListAsync(caller, string.IsNullOrEmpty(evalUuid) ? null : evalUuid, limit, offset, request.HttpContext.RequestAborted));
        });

    [Function("ListEvalRunResponses")]
    public Task<IActionResult> ListResponses(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v2/eval-runs/{evalRunUuid}/responses")] HttpRequest request,
        string evalRunUuid) =>
        api.RunAsync(request, async caller =>
        {
            var (limit, offset) = QueryParameters.Paging(request.Query["limit"], request.Query["offset"]);
            var id = Ids.RequireInPath(evalRunUuid, "Eval run");
            return HttpApi.Ok(await runs.ListResponsesAsync(caller, id, limit, offset, request.HttpContext.RequestAborted));
        });

    [Function("DeleteEvalRun")]
    public Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v2/eval-runs/{evalRunUuid}")] HttpRequest request,
        string evalRunUuid) =>
        api.RunAsync(request, async caller =>
        {
            await runs.DeleteAsync(caller, Ids.RequireInPath(evalRunUuid, "Eval run"), request.HttpContext.RequestAborted);
            return HttpApi.NoContent();
        });
}
