using EvalReports.Auth;
using EvalReports.Contracts;
using EvalReports.Idempotency;
using Microsoft.AspNetCore.Http;

namespace EvalReports.Api;

/// <summary>Reads the Idempotency-Key header and the request's fingerprint, then runs the creation at most once.</summary>
public static class IdempotencyHttp
{
    public static async Task<(int Status, T Value)> RunAsync<T>(
        this IdempotentRequests idempotent,
        Caller caller,
        HttpRequest request,
        string operation,
        string body,
        int status,
        string? resourceUuid,
        Func<string, Task<T>> create,
        Func<string, Task<T>> replay)
    {
        var key = IdempotencyKey.From(request.Headers[IdempotencyKey.Header]);
        if (key is null)
        {
            return (status, await create(resourceUuid ?? Ids.NewUuid()));
        }

        var query = request.Query.Select(q => KeyValuePair.Create(q.Key, (string?)q.Value.ToString()));
        var fingerprint = IdempotentRequest.Create(operation, key, query, body);
        return await idempotent.RunAsync(caller.WorkspaceUuid, fingerprint, status, resourceUuid, create, replay, request.HttpContext.RequestAborted);
    }
}
