namespace EvalReports.Benchmarks;

/// <summary>Sizes of every scenario: the sizes, or tiny ones for the CI smoke run (--smoke).</summary>
public sealed record BenchOptions
{
    public bool Smoke { get; init; }
    public HashSet<string> Only { get; init; } = ["import", "p1", "p2", "p3", "p4", "auth", "start", "worst"];
    public int P1Runs { get; init; } = 20;
    public int P1Responses { get; init; } = 500;
    public int P1Repetitions { get; init; } = 5;
    public int[] P3SuiteSizes { get; init; } = [1, 10, 100, 500];
    public int P3Samples { get; init; } = 100;
    public int P3Warmup { get; init; } = 10;
    public int[] P4Runs { get; init; } = [10, 100, 500, 1000];
    public int LargeRunResponses { get; init; } = 20_000;
    public int[] AuthConcurrency { get; init; } = [1, 50, 200];
    public int AuthRequests { get; init; } = 2_000;
    public int P4Responses { get; init; } = 200;
    public int ImportConcurrency { get; init; } = 4;

    public static BenchOptions Parse(string[] args)
    {
        var options = args.Contains("--smoke")
            ? new BenchOptions
            {
                Smoke = true,
                P1Runs = 3,
                P1Responses = 20,
                P1Repetitions = 1,
                P3SuiteSizes = [1, 3],
                P3Samples = 3,
                P3Warmup = 1,
                P4Runs = [2, 4],
                P4Responses = 10,
                LargeRunResponses = 300,
                AuthConcurrency = [1, 4],
                AuthRequests = 20,
            }
            : new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--smoke" => options,
                "--reps" => options with { P1Repetitions = int.Parse(args[++i]) },
                "--p3-samples" => options with { P3Samples = int.Parse(args[++i]) },
                "--only" => options with { Only = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet() },
                _ => throw new ArgumentException($"Unknown argument {args[i]}. Use [--smoke] [--reps N] [--p3-samples N] [--only import,p1,p2,p3,p4,auth,start,worst]."),
            };
        }

        return options;
    }

    /// <summary>How many synthetic runs of each size the scenarios need (run ids 0.. for P4/P3, then P1's).</summary>
    public int ScaleRunCount => Math.Max(P4Runs.DefaultIfEmpty(0).Max(), P3SuiteSizes.DefaultIfEmpty(0).Max());
}
