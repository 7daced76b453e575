using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace EvalReports.Benchmarks;

/// <summary>Builds the HttpRequest a function adapter receives and reads back the status and body it returns.</summary>
public static class HttpCalls
{
    public static HttpRequest Request(string method, string path, string apiKey, byte[]? body = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;
        context.Request.Headers["x-api-key"] = apiKey;
        body ??= [];
        context.Request.Body = new MemoryStream(body, writable: false);
        context.Request.ContentLength = body.Length;
        context.Request.ContentType = "application/json";
        return context.Request;
    }

    public static (int Status, string Body) Read(IActionResult result) => result switch
    {
        ContentResult content => (content.StatusCode ?? 200, content.Content ?? ""),
        StatusCodeResult status => (status.StatusCode, ""),
        _ => throw new InvalidOperationException($"Unexpected result {result.GetType().Name}"),
    };

    public static (int Status, string Body) Expect(IActionResult result, int status)
    {
        var read = Read(result);
        if (read.Status != status)
        {
            throw new InvalidOperationException($"Expected HTTP {status}, got {read.Status}: {Shorten(read.Body)}");
        }

        return read;
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string Shorten(string text) => text.Length <= 500 ? text : text[..500] + "…";
}
