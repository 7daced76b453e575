using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Core.Pipeline;

namespace EvalReports.Benchmarks;

/// <summary>
/// Counts the app's Table Storage requests (every HTTP request its Tables client sends, retries included), so the
/// benchmark can say how many round trips a suite or a floor read made.
/// </summary>
public sealed class StorageCalls : HttpPipelinePolicy
{
    private static readonly ConcurrentDictionary<string, long> ByKind = new();
    private static long count;

    public static long Count => Interlocked.Read(ref count);

    /// <summary>Requests so far by method and table (prefix stripped), e.g. "GET runreports (query)".</summary>
    public static IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(ByKind);

    /// <summary>"a: n, b: m" of what was counted since <paramref name="before"/>, largest first.</summary>
    public static string Since(IReadOnlyDictionary<string, long> before) => string.Join(", ", Snapshot()
        .Select(kv => (kv.Key, N: kv.Value - before.GetValueOrDefault(kv.Key)))
        .Where(kv => kv.N > 0)
        .OrderByDescending(kv => kv.N)
        .Select(kv => $"{kv.Key} {kv.N}"));

    private static void Note(HttpMessage message)
    {
        Interlocked.Increment(ref count);
        var path = message.Request.Uri.Path;
        var match = Regex.Match(path, @"/bench[0-9a-f]{8}s?([a-z]+)(\(|$)");
        var table = match.Success ? match.Groups[1].Value : path.Contains("$batch") ? "batch" : "other";
        var kind = path.Contains("(PartitionKey=") ? "point" : path.EndsWith("()") || message.Request.Uri.Query.Contains("filter") ? "query" : "";
        ByKind.AddOrUpdate($"{message.Request.Method} {table}{(kind == "" ? "" : " " + kind)}", 1, (_, n) => n + 1);
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
}
