namespace EvalReports.Summaries;

/// <summary>
/// Counts over a set of responses. Scored = not excluded from scoring and with a pass/fail verdict;
/// Excluded = exclude_from_scoring is true; WithoutVerdict = not excluded but is_passed is null (also left out).
/// </summary>
public sealed record RunStatistics(int Scored, int Passed, int Failed, int Excluded, int WithoutVerdict, int RefusedPassing, int RefusedFailing)
{
    public static readonly RunStatistics Empty = new(0, 0, 0, 0, 0, 0, 0);

    public int Refused => RefusedPassing + RefusedFailing;
}
