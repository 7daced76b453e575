namespace EvalReports.Contracts;

/// <summary>
/// The counts of a run (or a suite) as data. Scored responses have a verdict and are not excluded from scoring;
/// refused counts scored responses where the AI refused. pass_rate_ci95 is the Wilson score interval.
/// </summary>
public sealed record ReportStats
{
    public int Scored { get; init; }
    public int Passed { get; init; }
    public int Failed { get; init; }
    public int Excluded { get; init; }
    public int Refused { get; init; }
    public double? PassRate { get; init; }
    public IReadOnlyList<double>? PassRateCi95 { get; init; }
    /// <summary>Per prompt category, in the order the eval's prompts first name them; empty when no prompt has a category.</summary>
    public IReadOnlyList<CategoryStats> ByCategory { get; init; } = [];
}

public sealed record CategoryStats
{
    public required string Category { get; init; }
    public int Scored { get; init; }
    public int Passed { get; init; }
    public int Failed { get; init; }
    public int Excluded { get; init; }
    public int Refused { get; init; }
    public double? PassRate { get; init; }
    public IReadOnlyList<double>? PassRateCi95 { get; init; }
}
