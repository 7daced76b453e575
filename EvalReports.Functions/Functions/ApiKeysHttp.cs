using EvalReports.Api;
using EvalReports.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace EvalReports.Functions;

/// <summary>Key management, behind the Functions host's admin key (not an x-api-key).</summary>
public sealed class ApiKeysHttp(HttpApi api, ApiKeyService keys)
{
    [Function("CreateApiKey")]
    public Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "v2/admin/api-keys")] HttpRequest request) =>
        api.HandleAsync(request, async () =>
        {
            var body = JsonBody.Parse<CreateApiKeyRequest>(await api.ReadBodyAsync(request));
            return HttpApi.Ok(await keys.CreateAsync(body, request.HttpContext.RequestAborted), 201);
        });

    [Function("RevokeApiKey")]
    public Task<IActionResult> Revoke(
        [HttpTrigger(AuthorizationLevel.Admin, "delete", Route = "v2/admin/api-keys/{keyId}")] HttpRequest request,
        string keyId) =>
        api.HandleAsync(request, async () =>
        {
            await keys.RevokeAsync(keyId, request.HttpContext.RequestAborted);
            return HttpApi.NoContent();
        });
}
