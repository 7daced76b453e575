using EvalReports.Api;
using EvalReports.Contracts;
using EvalReports.Idempotency;
using EvalReports.Reports;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace EvalReports.Functions;

/// <summary>HTTP adapters for /v2/eval-reports.</summary>
public sealed class EvalReportsHttp(HttpApi api, ReportService reports, IdempotentRequests idempotent)
{
    [Function("CreateEvalReport")]
    public Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v2/eval-reports")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.HandleWithApiKeyAsync(request, async caller =>
        {
            var ct = request.HttpContext.RequestAborted;
            var isSandbox = SandboxFlag.Read(request);
            var body = await api.ReadBodyAsync(request);
            var asked = JsonBody.Parse<CreateReportRequest>(body);
            var (status, report) = await idempotent.RunAsync(caller, request, "create-eval-report", body, 200, null,
                id => reports.CreateAsync(caller, asked, isSandbox, durable, id, ct),
                id => reports.GetAsync(caller, id, includeResponses: false, durable, ct));
            return HttpApi.Ok(report, status);
        });

    [Function("GetEvalReport")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v2/eval-reports/{reportUuid}")] HttpRequest request,
        string reportUuid,
        [DurableClient] DurableTaskClient durable) =>
        api.HandleWithApiKeyAsync(request, async caller =>
        {
            var id = Ids.RequireInPath(reportUuid, "Eval suite report");
            var includeResponses = QueryParameters.Boolean(request.Query["include_responses"], "include_responses") ?? false;
            return HttpApi.Ok(await reports.GetAsync(caller, id, includeResponses, durable, request.HttpContext.RequestAborted));
        });

    [Function("ListEvalReports")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v2/eval-reports")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.HandleWithApiKeyAsync(request, async caller =>
        {
            var (limit, offset) = QueryParameters.Paging(request.Query["limit"], request.Query["offset"]);
            return HttpApi.Ok(await reports.ListAsync(caller, limit, offset, durable, request.HttpContext.RequestAborted));
        });

    [Function("DeleteEvalReport")]
    public Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v2/eval-reports/{reportUuid}")] HttpRequest request,
        string reportUuid,
        [DurableClient] DurableTaskClient durable) =>
        api.HandleWithApiKeyAsync(request, async caller =>
        {
            await reports.DeleteAsync(caller, Ids.RequireInPath(reportUuid, "Eval suite report"), durable, request.HttpContext.RequestAborted);
            return HttpApi.NoContent();
        });
}
