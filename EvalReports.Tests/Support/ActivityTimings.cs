using System.Collections.Concurrent;
using System.Diagnostics;

namespace EvalReports.Tests.Support;

/// <summary>Counts activity executions, the time spent inside them and how many ran at once (for reports, not asserts).</summary>
public sealed class ActivityTimings : IActivityInterceptor
{
    private readonly ConcurrentDictionary<string, long> ticksByActivity = new();
    private readonly ConcurrentDictionary<string, int> failures = new();
    private int running;
    private int executions;

    public int Executions => executions;

    public int MaxConcurrent { get; private set; }

    public TimeSpan TimeIn(string activity) => TimeSpan.FromTicks(ticksByActivity.GetValueOrDefault(activity));

    public TimeSpan TotalTime => TimeSpan.FromTicks(ticksByActivity.Values.Sum());

    /// <summary>Failed executions by activity and exception type (each is retried by the orchestration).</summary>
    public string Failures => failures.IsEmpty ? "none" : string.Join(", ", failures.Select(f => $"{f.Key} x{f.Value}"));

    public async Task<T> InvokeAsync<T>(string activity, object input, Func<Task<T>> run)
    {
        Interlocked.Increment(ref executions);
        var now = Interlocked.Increment(ref running);
        lock (ticksByActivity)
        {
            MaxConcurrent = Math.Max(MaxConcurrent, now);
        }

        var watch = Stopwatch.StartNew();
        try
        {
            return await run();
        }
        catch (Exception e)
        {
            failures.AddOrUpdate($"{activity}: {e.GetType().Name}", 1, (_, n) => n + 1);
            throw;
        }
        finally
        {
            Interlocked.Decrement(ref running);
            ticksByActivity.AddOrUpdate(activity, watch.Elapsed.Ticks, (_, t) => t + watch.Elapsed.Ticks);
        }
    }
}
