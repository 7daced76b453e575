using System.Diagnostics;

namespace EvalReports.Summaries;

/// <summary>
/// The time one run's embedded summary may take. The work is near-linear in the run's size (bounded text prefixes,
/// rare terms dropped, bounded centroids, capped categories), so a run the limits allow finishes well inside it; a run
/// that still does not is stopped between steps with <see cref="SummaryBudgetExceededException"/>, which the report
/// activity turns into a final, readable failure instead of a retry that would take as long again.
/// </summary>
public sealed class SummaryBudget(TimeSpan limit)
{
    /// <summary>
    /// 10 s: the worst run the import limits allow (20,000 failing responses of 60 random words each) takes about a
    /// second on one core of the 2-core benchmark machine (bench/RESULTS.md), so 10 s leaves room for a loaded
    /// instance and still fails long before the activity's own timeout.
    /// </summary>
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(10);

    private readonly long _started = Stopwatch.GetTimestamp();

    public TimeSpan Limit { get; } = limit;

    public void Check()
    {
        if (Stopwatch.GetElapsedTime(_started) > Limit) throw new SummaryBudgetExceededException(Limit);
    }
}

/// <summary>A run's summary took longer than its <see cref="SummaryBudget"/>: final, retrying takes as long again.</summary>
public sealed class SummaryBudgetExceededException(TimeSpan limit)
    : Exception($"The run is too large to summarize within {limit.TotalSeconds:0.###} s; split it into smaller runs.");
