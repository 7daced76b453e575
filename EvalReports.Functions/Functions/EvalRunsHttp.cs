using EvalReports.Api;
using EvalReports.Contracts;
using EvalReports.Idempotency;
using EvalReports.Runs;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace EvalReports.Functions;

/// <summary>HTTP adapters for /v2/eval-runs: importing scored runs and reading them back.</summary>
public sealed class EvalRunsHttp(HttpApi api, EvalRunService runs, IdempotentRequests idempotent, ImportGate gate)
{
    [Function("ImportEvalRun")]
    public Task<IActionResult> Import(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v2/eval-runs")] HttpRequest request) =>
        api.HandleWithApiKeyAsync(request, async caller =>
        {
            var ct = request.HttpContext.RequestAborted;
            await using var slot = await gate.EnterAsync(request.ContentLength, ct);
            var sandbox = SandboxFlag.ReadIfGiven(request); // the SDK's evals.runs.create sends ?is_sandbox=
            var (import, bodyHash) = await api.ReadJsonAsync<EvalRunImport>(request);
            import = import with { IsSandbox = sandbox ?? import.IsSandbox };
            var (status, run) = await idempotent.RunAsync(caller, request, "import-eval-run", bodyHash, 201, import.EvalRunUuid,
                id => runs.ImportAsync(caller, import, id, ct),
                id => runs.GetAsync(caller, id, ct));
            return HttpApi.Ok(run, status);
        });

    [Function("GetEvalRun")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v2/eval-runs/{evalRunUuid}")] HttpRequest request,
        string evalRunUuid) =>
        api.HandleWithApiKeyAsync(request, async caller =>
            HttpApi.Ok(await runs.GetAsync(caller, Ids.RequireInPath(evalRunUuid, "Eval run"), request.HttpContext.RequestAborted)));

    [Function("ListEvalRuns")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v2/eval-runs")] HttpRequest request) =>
        api.HandleWithApiKeyAsync(request, async caller =>
        {
            var (limit, offset) = QueryParameters.Paging(request.Query["limit"], request.Query["offset"]);
            string? evalUuid = request.Query["eval_uuid"];
            return HttpApi.Ok(await runs.ListAsync(caller, string.IsNullOrEmpty(evalUuid) ? null : evalUuid, limit, offset, request.HttpContext.RequestAborted));
        });

    [Function("ListEvalRunResponses")]
    public Task<IActionResult> ListResponses(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v2/eval-runs/{evalRunUuid}/responses")] HttpRequest request,
        string evalRunUuid) =>
        api.HandleWithApiKeyAsync(request, async caller =>
        {
            var (limit, offset) = QueryParameters.Paging(request.Query["limit"], request.Query["offset"]);
            var id = Ids.RequireInPath(evalRunUuid, "Eval run");
            return HttpApi.Ok(await runs.ListResponsesAsync(caller, id, limit, offset, request.HttpContext.RequestAborted));
        });

    [Function("DeleteEvalRun")]
    public Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v2/eval-runs/{evalRunUuid}")] HttpRequest request,
        string evalRunUuid) =>
        api.HandleWithApiKeyAsync(request, async caller =>
        {
            await runs.DeleteAsync(caller, Ids.RequireInPath(evalRunUuid, "Eval run"), request.HttpContext.RequestAborted);
            return HttpApi.NoContent();
        });
}
