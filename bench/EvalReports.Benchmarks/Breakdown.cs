using System.Diagnostics;
using EvalReports.Summaries;

namespace EvalReports.Benchmarks;

/// <summary>Where a suite's time goes: the summed wall time of activities and of the summarizer calls in them.</summary>
public static class Breakdown
{
    private static long activityTicks;
    private static long summarizerTicks;
    private static long activities;
    private static long summarizerCpuNs;
    private static long running;
    private static long peakRunning;

    /// <summary>The most run-report activities seen running at the same time.</summary>
    public static long PeakConcurrency => Interlocked.Read(ref peakRunning);

    public static TimeSpan Activities => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref activityTicks));

    public static TimeSpan Summarizer => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref summarizerTicks));

    /// <summary>CPU time the summarizer itself used (the calling thread's, the calls being synchronous).</summary>
    public static TimeSpan SummarizerCpu => TimeSpan.FromTicks(Interlocked.Read(ref summarizerCpuNs) / 100);

    public static long ActivityCount => Interlocked.Read(ref activities);

    public static void Reset()
    {
        Interlocked.Exchange(ref activityTicks, 0);
        Interlocked.Exchange(ref summarizerTicks, 0);
        Interlocked.Exchange(ref activities, 0);
        Interlocked.Exchange(ref summarizerCpuNs, 0);
        Interlocked.Exchange(ref peakRunning, 0);
    }

    public static async Task<T> TimeActivityAsync<T>(Func<Task<T>> activity)
    {
        var start = Stopwatch.GetTimestamp();
        var now = Interlocked.Increment(ref running);
        long peak;
        while (now > (peak = Interlocked.Read(ref peakRunning)) && Interlocked.CompareExchange(ref peakRunning, now, peak) != peak)
        {
        }

        try
        {
            return await activity();
        }
        finally
        {
            Interlocked.Decrement(ref running);
            Interlocked.Add(ref activityTicks, Stopwatch.GetTimestamp() - start);
            Interlocked.Increment(ref activities);
        }
    }

    /// <summary>The app's summarizer, timed.</summary>
    public sealed class TimedSummarizer(ISummarizer inner) : ISummarizer
    {
        public string Name => inner.Name;

        public async Task<RunSummary> SummarizeRunAsync(RunSummaryInput input, CancellationToken cancellationToken)
        {
            var start = Stopwatch.GetTimestamp();
            var cpu = ThreadCpu.Now();
            var task = inner.SummarizeRunAsync(input, cancellationToken);
            if (task.IsCompleted)
            {
                // The embedded summarizer runs synchronously: this thread's CPU time is exactly its cost.
                Interlocked.Add(ref summarizerCpuNs, ThreadCpu.Now() - cpu);
            }

            try
            {
                return await task;
            }
            finally
            {
                Interlocked.Add(ref summarizerTicks, Stopwatch.GetTimestamp() - start);
            }
        }

        public Task<SuiteSummary> SummarizeSuiteAsync(IReadOnlyList<RunDigest> runs, CancellationToken cancellationToken) =>
            inner.SummarizeSuiteAsync(runs, cancellationToken);
    }
}
