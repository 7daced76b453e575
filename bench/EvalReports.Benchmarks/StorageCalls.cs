using Azure.Core;
using Azure.Core.Pipeline;

namespace EvalReports.Benchmarks;

/// <summary>
/// Counts the app's Table Storage requests (every HTTP request its Tables client sends, retries included), so the
/// benchmark can say how many round trips a suite or a floor read made.
/// </summary>
public sealed class StorageCalls : HttpPipelinePolicy
{
    private static long count;

    public static long Count => Interlocked.Read(ref count);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Interlocked.Increment(ref count);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Interlocked.Increment(ref count);
        return ProcessNextAsync(message, pipeline);
    }
}
