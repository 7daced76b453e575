using System.Diagnostics;

namespace EvalReports.Benchmarks;

/// <summary>
/// Orchestrator episodes: every call of an orchestrator function is one episode, which replays the instance's
/// history up to its first pending task and then returns. Counts them and the time spent inside them (the replay).
/// </summary>
public static class Episodes
{
    private static long episodes;
    private static long ticks;

    public static long Total => Interlocked.Read(ref episodes);

    public static TimeSpan Time => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref ticks));

    public static Task<T> Count<T>(Func<Task<T>> orchestrator)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            return orchestrator();
        }
        finally
        {
            Interlocked.Increment(ref episodes);
            Interlocked.Add(ref ticks, Stopwatch.GetTimestamp() - start);
        }
    }
}
