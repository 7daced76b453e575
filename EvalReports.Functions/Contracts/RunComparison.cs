namespace EvalReports.Contracts;

public static class ComparisonVerdict
{
    public const string Improved = "improved";
    public const string Regressed = "regressed";
    public const string Unchanged = "unchanged";
    /// <summary>The baseline report has no run of this eval.</summary>
    public const string New = "new";
}

public static class ComparisonTest
{
    public const string FisherExact = "fisher_exact";
    public const string TwoProportionZ = "two_proportion_z";
}

/// <summary>
/// A run compared with the baseline report's run of the same eval: pass rates, their difference (current − baseline)
/// with Newcombe's 95% interval, a two-sided p-value and the verdict at α = 0.05, and the prompts that changed.
/// </summary>
public sealed record RunComparison
{
    public required string Verdict { get; init; }
    public string? BaselineEvalRunUuid { get; init; }
    public int BaselineScored { get; init; }
    public int BaselinePassed { get; init; }
    public double? BaselinePassRate { get; init; }
    public int CurrentScored { get; init; }
    public int CurrentPassed { get; init; }
    public double? CurrentPassRate { get; init; }
    public double? Difference { get; init; }
    public IReadOnlyList<double>? DifferenceCi95 { get; init; }
    public double? PValue { get; init; }
    /// <summary><see cref="ComparisonTest"/>: Fisher's exact test when an expected cell count is below 5, else the z-test.</summary>
    public string? Test { get; init; }
    /// <summary>Prompts (by prompt_uuid) that passed in the baseline and fail now; at most <c>MaxListedPrompts</c>.</summary>
    public IReadOnlyList<string>? RegressedPrompts { get; init; }
    public IReadOnlyList<string>? FixedPrompts { get; init; }
    public int RegressedPromptCount { get; init; }
    public int FixedPromptCount { get; init; }
    /// <summary>Why something could not be compared (e.g. the baseline run was deleted since).</summary>
    public string? Note { get; init; }
}

/// <summary>The suite against its baseline: pooled over the matched runs, with the runs' verdicts counted.</summary>
public sealed record SuiteComparison
{
    public required string BaselineEvalSuiteReportUuid { get; init; }
    public required string Verdict { get; init; }
    public int RunsImproved { get; init; }
    public int RunsRegressed { get; init; }
    public int RunsUnchanged { get; init; }
    public int RunsNew { get; init; }
    public double? BaselinePassRate { get; init; }
    public double? CurrentPassRate { get; init; }
    public double? Difference { get; init; }
    public IReadOnlyList<double>? DifferenceCi95 { get; init; }
    public double? PValue { get; init; }
    public string? Test { get; init; }
    public int RegressedPromptCount { get; init; }
    public int FixedPromptCount { get; init; }
}
