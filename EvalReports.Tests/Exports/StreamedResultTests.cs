using System.Text.Json.Nodes;
using EvalReports.Exports;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging.Abstractions;

namespace EvalReports.Tests.Exports;

/// <summary>An export that fails while streaming never looks like a complete file.</summary>
public sealed class StreamedResultTests
{
    private sealed class Lifetime : IHttpRequestLifetimeFeature
    {
        public CancellationToken RequestAborted { get; set; }
        public bool Aborted { get; private set; }
        public void Abort() => Aborted = true;
    }

    private sealed class StartedResponse : HttpResponseFeature
    {
        public override bool HasStarted => true;
    }

    private static (DefaultHttpContext Context, Lifetime Lifetime, MemoryStream Body) Context(bool started)
    {
        var context = new DefaultHttpContext();
        var lifetime = new Lifetime();
        context.Features.Set<IHttpRequestLifetimeFeature>(lifetime);
        if (started)
        {
            context.Features.Set<IHttpResponseFeature>(new StartedResponse());
        }

        var body = new MemoryStream();
        context.Response.Body = body;
        context.Response.Headers["x-request-id"] = "req-1";
        return (context, lifetime, body);
    }

    private static ExportDocument Failing(int bytesFirst) => new(ExportFormat.Csv, "text/csv", "x.csv", async (stream, ct) =>
    {
        await stream.WriteAsync(new byte[bytesFirst], ct);
        throw new IOException("storage went away");
    });

    [Fact]
    public async Task A_failure_before_anything_was_sent_is_the_error_envelope()
    {
        var (context, lifetime, body) = Context(started: false);

        await new StreamedResult(Failing(0), inline: false, NullLogger.Instance)
            .ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));

        Assert.False(lifetime.Aborted);
        Assert.Equal(500, context.Response.StatusCode);
        var envelope = JsonNode.Parse(body.ToArray())!;
        Assert.Equal("server.internal_error", envelope["error"]!["code"]!.GetValue<string>());
        Assert.Equal("req-1", envelope["request_id"]!.GetValue<string>());
        Assert.False(context.Response.Headers.ContainsKey("Content-Disposition"));
    }

    [Fact]
    public async Task A_failure_after_bytes_were_sent_aborts_the_connection()
    {
        var (context, lifetime, _) = Context(started: true);

        await new StreamedResult(Failing(ExportBuffer.Threshold), inline: false, NullLogger.Instance)
            .ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));

        Assert.True(lifetime.Aborted);
    }
}
