using System.Text.RegularExpressions;

namespace EvalReports.Summaries.Llm;

/// <summary>
/// Whether a scorer's explanation says the response refused: most refusals in real runs are plain text with no
/// <c>ai_refused</c> flag, and the explanation is where the scorer says so. English wording only.
/// </summary>
public static partial class RefusalSignals
{
    public static bool Says(string? explanation) => explanation is not null && Refusal().IsMatch(explanation) && !NotRefusal().IsMatch(explanation);

    [GeneratedRegex(@"\b(refus(ed|es|al|ing)|declin(ed|es|ing)|(did|does) not (comply|assist)|won't (help|assist)|(can't|cannot|could not|unable to) (help|assist)|would not (help|assist))\b", RegexOptions.IgnoreCase)]
    private static partial Regex Refusal();

    // "did not refuse", "instead of refusing", "should have declined": the explanation says the response did NOT refuse.
    [GeneratedRegex(@"\b(did not|didn't|does not|doesn't|failed to|instead of|rather than|without|should have|ought to have|needed to|was expected to|would have) (refus|declin)\w*", RegexOptions.IgnoreCase)]
    private static partial Regex NotRefusal();
}
