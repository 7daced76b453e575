namespace EvalReports.Summaries;

/// <summary>
/// The small, text-free facts about one run's report that the suite summary is built from.
/// Stored beside the run report, so the fan-in never re-reads responses.
/// </summary>
public sealed record RunDigest
{
    public required string EvalRunUuid { get; init; }
    public string? Name { get; init; }
    public string? EvalType { get; init; }
    public int Scored { get; init; }
    public int Passed { get; init; }
    public int Failed { get; init; }
    public int Refused { get; init; }
    public int Excluded { get; init; }
    public IReadOnlyList<ThemeCount> FailingThemes { get; init; } = [];
    public IReadOnlyList<CategoryCount> Categories { get; init; } = [];
    public IReadOnlyList<string> TopAdvice { get; init; } = [];
}

public sealed record ThemeCount(string Label, int Count)
{
    /// <summary>True when the label reads after "the AI" ("gave a dose …").</summary>
    public bool Predicate { get; init; }
}

public sealed record CategoryCount(string Category, int Scored, int Passed);
