using EvalReports.Api;
using EvalReports.Contracts;
using EvalReports.Gates;
using EvalReports.Reports;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace EvalReports.Functions;

/// <summary>GET /v2/eval-reports/{id}/gate?min_pass_rate=&amp;max_regressions= → {"passed", "reasons", ...}.</summary>
public sealed class GateHttp(HttpApi api, ReportService reports)
{
    [Function("GateEvalReport")]
    public Task<IActionResult> Gate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v2/eval-reports/{reportUuid}/gate")] HttpRequest request,
        string reportUuid,
        [DurableClient] DurableTaskClient durable) =>
        api.HandleWithApiKeyAsync(request, async caller =>
        {
            var id = Ids.RequireInPath(reportUuid, "Eval suite report");
            var rules = ReportGate.ParseRules(request.Query["min_pass_rate"], request.Query["max_regressions"]);
            var report = await reports.GetAsync(caller, id, includeResponses: false, durable, request.HttpContext.RequestAborted);
            return HttpApi.Ok(ReportGate.Evaluate(report, rules));
        });
}
