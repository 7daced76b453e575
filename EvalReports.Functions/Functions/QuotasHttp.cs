using EvalReports.Api;
using EvalReports.Contracts;
using EvalReports.Quotas;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace EvalReports.Functions;

/// <summary>Per-workspace report quotas, behind the Functions host's admin key (like the api-keys endpoints).</summary>
public sealed class QuotasHttp(HttpApi api, ReportQuota quota)
{
    [Function("SetWorkspaceQuota")]
    public Task<IActionResult> Set(
        [HttpTrigger(AuthorizationLevel.Admin, "put", Route = "v2/admin/workspaces/{workspaceUuid}/quota")] HttpRequest request,
        string workspaceUuid) =>
        api.HandleAsync(request, async () =>
        {
            var workspace = Ids.RequireInPath(workspaceUuid, "Workspace");
            var limit = JsonBody.Parse<QuotaUpdate>(await api.ReadBodyAsync(request)).RequireLimit();
            return HttpApi.Ok(WorkspaceQuota.From(await quota.SetLimitAsync(workspace, limit, request.HttpContext.RequestAborted)));
        });

    [Function("GetWorkspaceQuota")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "v2/admin/workspaces/{workspaceUuid}/quota")] HttpRequest request,
        string workspaceUuid) =>
        api.HandleAsync(request, async () =>
            HttpApi.Ok(WorkspaceQuota.From(await quota.GetAsync(Ids.RequireInPath(workspaceUuid, "Workspace"), request.HttpContext.RequestAborted))));
}
