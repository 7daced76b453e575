using EvalReports.Api;
using EvalReports.Contracts;
using EvalReports.Exports;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace EvalReports.Functions;

/// <summary>GET /v2/eval-reports/{id}/export?format=markdown|html|csv|junit|jsonl, streamed.</summary>
public sealed class ExportHttp(HttpApi api, ReportExports exports, ILogger<ExportHttp> logger)
{
    [Function("ExportEvalReport")]
    public Task<IActionResult> Export(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v2/eval-reports/{reportUuid}/export")] HttpRequest request,
        string reportUuid,
        [DurableClient] DurableTaskClient durable) =>
        api.HandleWithApiKeyAsync(request, async caller =>
        {
            var id = Ids.RequireInPath(reportUuid, "Eval suite report");
            var format = ExportFormats.Parse(request.Query["format"]);
            var document = await exports.OpenAsync(caller, id, format, durable, request.HttpContext.RequestAborted);
            return new StreamedResult(document, inline: format == ExportFormat.Html, logger);
        });
}
