using System.Diagnostics;
using EvalReports.Contracts;

namespace EvalReports.Benchmarks.Scenarios;

/// <summary>Imports synthetic runs through POST /v2/eval-runs (the real adapter) into Table Storage.</summary>
public static class ImportScenario
{
    public sealed record Result(int Runs, int ResponsesPerRun, int Concurrency, double Seconds)
    {
        public double ResponsesPerSecond => Runs * ResponsesPerRun / Seconds;
    }

    /// <summary>
    /// Imports runs <paramref name="first"/>..first+count-1, <paramref name="concurrency"/> POSTs at once. Bodies are
    /// serialized before the clock starts; the time covers parsing, validation and the Table writes.
    /// </summary>
    public static async Task<Result> RunAsync(BenchApp app, int first, int count, int responsesPerRun, int concurrency)
    {
        var bodies = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            var uuid = SyntheticRuns.RunUuid(first + i);
            bodies[i] = HttpCalls.Utf8(Json.Serialize(SyntheticRuns.Create(uuid, responsesPerRun, seed: first + i)));
        }

        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency },
            async (i, _) => await app.ImportAsync(bodies[i]));
        return new Result(count, responsesPerRun, concurrency, watch.Elapsed.TotalSeconds);
    }
}
