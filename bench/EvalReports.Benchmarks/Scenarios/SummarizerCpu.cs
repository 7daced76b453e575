using EvalReports.Summaries;

namespace EvalReports.Benchmarks.Scenarios;

/// <summary>
/// P2 by CPU time instead of wall time: the same 500-response run as <see cref="SummarizerBenchmarks"/>, summarized
/// repeatedly on one thread, timed with the thread's own CPU clock (which other processes on a shared machine do not
/// inflate). Median of the batches, in scored responses per CPU-second.
/// </summary>
public static class SummarizerCpu
{
    public static (double MedianMicroseconds, double ResponsesPerCpuSecond, long AllocatedBytesPerRun) Measure(int batches = 15, int perBatch = 20)
    {
        var input = SummarizerBenchmarks.Input(500);
        var scored = input.Responses.Count(r => r.IsScored);
        for (var i = 0; i < 30; i++) EmbeddedSummarizer.SummarizeRun(input); // JIT and tiering
        var times = new List<double>();
        for (var b = 0; b < batches; b++)
        {
            var start = ThreadCpu.Now();
            for (var i = 0; i < perBatch; i++) EmbeddedSummarizer.SummarizeRun(input);
            times.Add((ThreadCpu.Now() - start) / 1000.0 / perBatch);
        }
        times.Sort();
        var median = times[times.Count / 2];
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        EmbeddedSummarizer.SummarizeRun(input);
        return (median, scored / (median / 1e6), GC.GetAllocatedBytesForCurrentThread() - allocatedBefore);
    }
}
