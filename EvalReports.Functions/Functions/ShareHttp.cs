using EvalReports.Api;
using EvalReports.Contracts;
using EvalReports.Exports;
using EvalReports.Sharing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace EvalReports.Functions;

/// <summary>Share links: make and revoke them with the API key; open one without a key.</summary>
public sealed class ShareHttp(HttpApi api, ShareLinks shares, ILogger<ShareHttp> logger)
{
    [Function("ShareEvalReport")]
    public Task<IActionResult> Share(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v2/eval-reports/{reportUuid}/share")] HttpRequest request,
        string reportUuid,
        [DurableClient] DurableTaskClient durable) =>
        api.HandleWithApiKeyAsync(request, async caller =>
        {
            var id = Ids.RequireInPath(reportUuid, "Eval suite report");
            var body = await api.ReadBodyAsync(request);
            var options = string.IsNullOrWhiteSpace(body) ? new ShareRequest() : JsonBody.Parse<ShareRequest>(body);
            var origin = new Uri($"{request.Scheme}://{request.Host}");
            return HttpApi.Ok(await shares.CreateAsync(caller, id, options, origin, durable, request.HttpContext.RequestAborted), 201);
        });

    [Function("RevokeEvalReportShares")]
    public Task<IActionResult> Revoke(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v2/eval-reports/{reportUuid}/share")] HttpRequest request,
        string reportUuid) =>
        api.HandleWithApiKeyAsync(request, async caller =>
        {
            await shares.RevokeAsync(caller, Ids.RequireInPath(reportUuid, "Eval suite report"), request.HttpContext.RequestAborted);
            return HttpApi.NoContent();
        });

    /// <summary>No x-api-key: the signed token in the path is the only credential.</summary>
    [Function("OpenSharedEvalReport")]
    public Task<IActionResult> Open(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ShareLinks.Route + "/{token}")] HttpRequest request,
        string token,
        [DurableClient] DurableTaskClient durable) =>
        api.HandleAsync(request, async () =>
        {
            var document = await shares.OpenAsync(token, durable, request.HttpContext.RequestAborted);
            return new StreamedResult(document, inline: true, logger);
        });
}
