using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using EvalReports.Storage;

namespace EvalReports.Tests.Support;

/// <summary>Counts the point reads and writes of single entities of one table (by name), as the storage service sees them.</summary>
public sealed class StorageRequestCounter(string tableName) : HttpPipelinePolicy
{
    private int count;

    public int Count => Volatile.Read(ref count);

    /// <summary>A <see cref="TableStorage"/> over the test's Azurite tables whose requests to the table are counted.</summary>
    public TableStorage Storage(Azurite azurite, string? prefix = null)
    {
        var options = new TableClientOptions();
        options.AddPolicy(this, HttpPipelinePosition.PerRetry);
        return new TableStorage(new TableServiceClient(Azurite.ConnectionString, options), prefix ?? azurite.Prefix);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Note(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Note(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Note(HttpMessage message)
    {
        if (message.Request.Uri.Path.Contains(tableName + "(PartitionKey=", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref count);
        }
    }
}
