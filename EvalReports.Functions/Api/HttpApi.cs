using System.Net.Sockets;
using System.Text;
using Azure;
using EvalReports.Auth;
using EvalReports.Contracts;
using EvalReports.Errors;
using EvalReports.Logging;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace EvalReports.Api;

/// <summary>
/// What every /v2 endpoint shares: a request id, the API key check, the error envelope, and never a stack trace.
/// </summary>
public sealed class HttpApi(ApiKeyAuthenticator authenticator, EvalReportsLimits limits, ILogger<HttpApi> logger)
{
    public const string RequestIdHeader = "x-request-id";
    public const string ApiKeyHeader = "x-api-key";

    /// <summary><see cref="HandleAsync"/> for endpoints that take an x-api-key: the caller it names reaches the handler.</summary>
    public Task<IActionResult> HandleWithApiKeyAsync(HttpRequest request, Func<Caller, Task<IActionResult>> handle) =>
        HandleAsync(request, async () =>
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

    /// <summary>
    /// Every endpoint's wrapper: a request id, and any failure as the contract's error envelope. No x-api-key check
    /// (admin endpoints are guarded by the Functions host's key, share links by their signature, unmatched routes need none).
    /// </summary>
    public async Task<IActionResult> HandleAsync(HttpRequest request, Func<Task<IActionResult>> handle)
    {
        var requestId = Guid.NewGuid().ToString();
        request.HttpContext.Response.Headers[RequestIdHeader] = requestId;
        try
        {
            return await handle();
        }
        catch (ApiException e)
        {
            return Error(request, e.Status, e.Code, e.Message, e.Details, requestId);
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel refused the body while we read it: over its MaxRequestBodySize (the same number as ours), cut
            // short, or malformed chunking. Never a 500: the client sent something we will not take.
            var refused = e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? ApiErrors.PayloadTooLarge(limits.MaxRequestBodyBytes)
                : ApiErrors.InvalidFormat("The request body could not be read.");
            return Error(request, refused.Status, refused.Code, refused.Message, refused.Details, requestId);
        }
        catch (Exception e) when (IsStorageUnreachable(e))
        {
            logger.LogError("Request {RequestId}: storage unreachable ({ExceptionType}).", requestId, e.GetType().Name);
            return Error(request, 503, "server.internal_error", "Storage is unreachable; try again shortly.", null, requestId);
        }
        catch (Exception e)
        {
            // Not LogError(e, ...): an exception's message may quote the request. Types and stack frames only.
            logger.LogError("Request {RequestId} failed: {Exception}", requestId, ExceptionSummary.Describe(e));
            return Error(request, 500, "server.internal_error", "An internal error occurred.", null, requestId);
        }
    }

    /// <summary>A small body (report requests, admin calls) as text, within the body limit, valid UTF-8.</summary>
    public async Task<string> ReadBodyAsync(HttpRequest request)
    {
        await using var body = OpenBody(request);
        using var reader = new StreamReader(body, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false);
        try
        {
            return await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        }
        catch (DecoderFallbackException)
        {
            throw ApiErrors.InvalidFormat("The request body is not valid UTF-8.");
        }
    }

    /// <summary>
    /// A JSON object deserialized from the body as it arrives (imports run to tens of MB: no copy of the whole body
    /// is held), with the hex SHA-256 of the exact bytes for the Idempotency-Key fingerprint. A body that does not
    /// start with '{' is never valid here; it is read whole (bounded) only to tell "not JSON" (400) from "not an
    /// object" (422).
    /// </summary>
    public async Task<(T Value, string BodyHash)> ReadJsonAsync<T>(HttpRequest request)
        where T : class
    {
        var ct = request.HttpContext.RequestAborted;
        await using var body = OpenBody(request);
        T value;
        if (await body.PeekFirstSignificantByteAsync(ct) == (byte)'{')
        {
            value = await JsonBody.ParseAsync<T>(body, ct);
        }
        else
        {
            using var reader = new StreamReader(body, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false);
            value = JsonBody.Parse<T>(await reader.ReadToEndAsync(ct));
        }

        return (value, Convert.ToHexString(await body.HashAsync(ct)));
    }

    private RequestBodyStream OpenBody(HttpRequest request)
    {
        var max = limits.MaxRequestBodyBytes;
        WorkerLimits.AllowDrain(request.HttpContext);
        if (request.ContentLength > max)
        {
            throw ApiErrors.PayloadTooLarge(max);
        }

        return new RequestBodyStream(request.Body, max);
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

    private static IActionResult Error(
        HttpRequest request, int status, string code, string message, IReadOnlyDictionary<string, object?>? details, string requestId)
    {
        RetryAdvice.Apply(request.HttpContext.Response.Headers, status, details);
        if (details?.GetValueOrDefault("allow") is IReadOnlyList<string> allow)
        {
            request.HttpContext.Response.Headers.Allow = string.Join(", ", allow);
        }

        return Ok(new ErrorEnvelope(new ErrorBody(code, message, details ?? new Dictionary<string, object?>()), requestId), status);
    }

    private static bool IsStorageUnreachable(Exception e) => e switch
    {
        RequestFailedException { Status: 0 } => true,
        RequestFailedException { Status: 503 or 500 } => true,
        AggregateException a => a.InnerExceptions.Any(IsStorageUnreachable),
        HttpRequestException or SocketException or TimeoutException => true,
        _ => e.InnerException is not null && IsStorageUnreachable(e.InnerException),
    };
}
