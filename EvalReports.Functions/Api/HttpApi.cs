using System.Net.Sockets;
using System.Text;
using Azure;
using EvalReports.Auth;
using EvalReports.Contracts;
using EvalReports.Logging;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace EvalReports.Api;

/// <summary>
/// What every /v2 endpoint shares: a request id, the API key check, the error envelope, and never a stack trace.
/// </summary>
public sealed class HttpApi(ApiKeyAuthenticator authenticator, EvalReportsSettings settings, ILogger<HttpApi> logger)
{
    public const string RequestIdHeader = "x-request-id";
    public const string ApiKeyHeader = "x-api-key";

    public Task<IActionResult> RunAsync(HttpRequest request, Func<Caller, Task<IActionResult>> handle) =>
        RunAdminAsync(request, async () =>
        {
            var keys = request.Headers[ApiKeyHeader];
            if (keys.Count > 1)
            {
                throw ApiErrors.InvalidKey("Send exactly one x-api-key header.");
            }

            var caller = await authenticator.AuthenticateAsync(keys.Count == 1 ? keys[0] : null, request.HttpContext.RequestAborted);
            CheckWorkspace(caller, request.Query["workspace_uuid"]);
            return await handle(caller);
        });

    /// <summary>For endpoints the Functions host already guards with its admin key: no x-api-key check.</summary>
    public async Task<IActionResult> RunAdminAsync(HttpRequest request, Func<Task<IActionResult>> handle)
    {
        var requestId = Guid.NewGuid().ToString();
        request.HttpContext.Response.Headers[RequestIdHeader] = requestId;
        try
        {
            return await handle();
        }
        catch (ApiException e)
        {
            return Error(e.Status, e.Code, e.Message, e.Details, requestId);
        }
        catch (Exception e) when (IsStorageUnreachable(e))
        {
            logger.LogError("Request {RequestId}: storage unreachable ({ExceptionType}).", requestId, e.GetType().Name);
            return Error(503, "server.internal_error", "Storage is unreachable; try again shortly.", null, requestId);
        }
        catch (Exception e)
        {
            // Not LogError(e, ...): an exception's message may quote the request. Types and stack frames only.
            logger.LogError("Request {RequestId} failed: {Exception}", requestId, ExceptionSummary.Describe(e));
            return Error(500, "server.internal_error", "An internal error occurred.", null, requestId);
        }
    }

    public async Task<string> ReadBodyAsync(HttpRequest request)
    {
        var max = settings.MaxRequestBodyBytes;
        if (request.ContentLength > max)
        {
            throw ApiErrors.PayloadTooLarge(max);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > max)
            {
                throw ApiErrors.PayloadTooLarge(max);
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            throw ApiErrors.InvalidFormat("The request body is not valid UTF-8.");
        }
    }

    public static IActionResult Ok<T>(T value, int status = 200) => new ContentResult
    {
        Content = Json.Serialize(value),
        ContentType = "application/json; charset=utf-8",
        StatusCode = status,
    };

    public static IActionResult NoContent() => new StatusCodeResult(204);

    private static void CheckWorkspace(Caller caller, Microsoft.Extensions.Primitives.StringValues workspace)
    {
        if (workspace.Count > 1 || (workspace.Count == 1 && !string.IsNullOrEmpty(workspace[0]) && workspace[0] != caller.WorkspaceUuid))
        {
            throw ApiErrors.InsufficientPermissions("This API key may not use that workspace.");
        }
    }

    private static IActionResult Error(int status, string code, string message, IReadOnlyDictionary<string, object?>? details, string requestId) =>
        Ok(new ErrorEnvelope(new ErrorBody(code, message, details ?? new Dictionary<string, object?>()), requestId), status);

    private static bool IsStorageUnreachable(Exception e) => e switch
    {
        RequestFailedException { Status: 0 } => true,
        RequestFailedException { Status: 503 or 500 } => true,
        AggregateException a => a.InnerExceptions.Any(IsStorageUnreachable),
        HttpRequestException or SocketException or TimeoutException => true,
        _ => e.InnerException is not null && IsStorageUnreachable(e.InnerException),
    };
}
