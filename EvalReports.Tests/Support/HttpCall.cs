using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace EvalReports.Tests.Support;

/// <summary>Builds the HttpRequest a function receives and reads back what the user would see.</summary>
public static class HttpCall
{
    public static HttpRequest Request(string method, string path, string? body = null, string? apiKey = TestKeys.DevKey, string? query = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;
        if (query is not null)
        {
            context.Request.QueryString = new QueryString(query.StartsWith('?') ? query : "?" + query);
        }

        if (apiKey is not null)
        {
            context.Request.Headers["x-api-key"] = apiKey;
        }

        var bytes = Encoding.UTF8.GetBytes(body ?? "");
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentLength = bytes.Length;
        context.Request.ContentType = "application/json";
        return context.Request;
    }

    public static Response Read(HttpRequest request, IActionResult result)
    {
        var requestId = request.HttpContext.Response.Headers["x-request-id"].ToString();
        return result switch
        {
            ContentResult content => new Response(content.StatusCode ?? 200, JsonNode.Parse(content.Content!), requestId, content.Content!)
            {
                Headers = request.HttpContext.Response.Headers,
            },
            StatusCodeResult status => new Response(status.StatusCode, null, requestId, "") { Headers = request.HttpContext.Response.Headers },
            _ => throw new InvalidOperationException($"Unexpected result {result.GetType().Name}"),
        };
    }
}

public sealed record Response(int Status, JsonNode? Body, string RequestIdHeader, string Raw)
{
    /// <summary>The response headers the function set (x-request-id, x-should-retry, Retry-After, Allow, ...).</summary>
    public IHeaderDictionary Headers { get; init; } = new HeaderDictionary();

    public string? ErrorCode => Body?["error"]?["code"]?.GetValue<string>();

    /// <summary>Asserts the contract's error envelope: code, message, details object, request_id matching the header.</summary>
    public Response AssertError(int status, string code)
    {
        Assert.True(Status == status, $"expected {status} {code}, got {Status}: {Raw}");
        Assert.Equal(code, ErrorCode);
        Assert.False(string.IsNullOrWhiteSpace(Body!["error"]!["message"]!.GetValue<string>()));
        Assert.IsType<JsonObject>(Body["error"]!["details"]);
        Assert.Equal(RequestIdHeader, Body["request_id"]!.GetValue<string>());
        Assert.DoesNotMatch(@"\bat [\w.]+\(|Exception\b|\.cs:line", Raw);
        return this;
    }
}
