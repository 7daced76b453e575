using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;

namespace EvalReports.Tests.Support;

/// <summary>
/// A pipeline policy on a real TableServiceClient that counts the entities Table Storage returned (every entity of a
/// query page, one per point read), so a test can say how much of a table an operation read, and the requests sent.
/// </summary>
public sealed class EntityCounter : HttpPipelinePolicy
{
    private long entities;
    private long requests;

    public long Entities => Interlocked.Read(ref entities);

    /// <summary>Requests of any kind (each query page is one), table creation excepted.</summary>
    public long Requests => Interlocked.Read(ref requests);

    public void Reset()
    {
        Interlocked.Exchange(ref entities, 0);
        Interlocked.Exchange(ref requests, 0);
    }

    public static (TableServiceClient Service, EntityCounter Counter) Client(string connectionString)
    {
        var counter = new EntityCounter();
        var options = new TableClientOptions();
        options.AddPolicy(counter, HttpPipelinePosition.PerCall);
        return (new TableServiceClient(connectionString, options), counter);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ProcessNext(message, pipeline);
        Count(message);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        Count(message);
    }

    private void Count(HttpMessage message)
    {
        if (!message.Request.Uri.Path.EndsWith("/Tables", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref requests);
        }

        if (message.Request.Method != RequestMethod.Get || message.Response.Status != 200 || message.Request.Uri.Path.EndsWith("/Tables", StringComparison.Ordinal))
        {
            return;
        }

        var content = message.Response.Content;
        if (content is null || content.ToMemory().IsEmpty)
        {
            return;
        }

        using var json = JsonDocument.Parse(content.ToMemory());
        var found = json.RootElement.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array ? value.GetArrayLength() : 1;
        Interlocked.Add(ref entities, found);
    }
}
