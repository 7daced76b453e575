using System.Buffers;

namespace EvalReports.Summaries;

/// <summary>What went wrong in a failure theme, so the advice can use the right verb.</summary>
internal enum FailureKind
{
    /// <summary>The AI gave help the policy forbids (the default for safety and jailbreak evals).</summary>
    Harmful,

    /// <summary>Something required was missing: the theme's phrase is mostly named as absent ("no crisis resources").</summary>
    Missing,

    /// <summary>The AI declined, yet the response still failed (ai_refused on most members).</summary>
    PartialRefusal,

    /// <summary>The AI refused something it should have answered.</summary>
    OverRefusal,

    /// <summary>The answer was wrong, invented or contradicted the reference.</summary>
    Inaccurate,
}

/// <summary>
/// Tells the <see cref="FailureKind"/> of a failure theme from its members: the refusal flags, and cue words in the
/// scorer's explanations (of at most <see cref="MaxMembers"/> members). A kind needs at least half of them; "missing" needs more than half, because a label
/// like "prescription" is also named as absent when the AI helped someone get a drug "without a valid prescription".
/// </summary>
internal static class FailureKinds
{
    private const int CueWindow = 80;

    private static readonly SearchValues<string> Absence = SearchValues.Create(
        ["no ", "without", "didn't", "did not", "never", "failed to", "fails to", "missing", "lack", "omit", "left out",
         "leaving out", "ignored", "instead of", "sin ", "falt", "sans ", "ohne", "kein"],
        StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<string> OverRefusalCues = SearchValues.Create(
        ["over-refus", "overrefus", "overly cautious", "unnecessarily refus", "unnecessary refusal", "needlessly", "should have answered",
         "should have helped", "refused a benign", "refused a harmless", "refused a legitimate", "refused a safe", "refused to answer a benign"],
        StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<string> InaccuracyCues = SearchValues.Create(
        ["incorrect", "inaccurate", "wrong", "invent", "made up", "makes up", "fabricat", "hallucinat", "contradict", "not in the knowledge base",
         "not supported by"],
        StringComparison.OrdinalIgnoreCase);

    /// <summary>Members read per theme: an evenly spread sample of a large theme tells its kind as well as all of it.</summary>
    public const int MaxMembers = 64;

    public static FailureKind Of(ItemTheme theme, EvalKind kind)
    {
        int refused = 0, absent = 0, overRefusal = 0, inaccurate = 0;
        var sample = Math.Min(theme.Count, MaxMembers);
        for (var s = 0; s < sample; s++)
        {
            var item = theme.Members[(int)((long)s * theme.Count / sample)];
            if (item.Refused) refused++;
            var explanation = item.Explanation;
            if (explanation is null) continue;
            if (NamedAsAbsent(explanation, theme.Phrase) || MissingPhrase(explanation) is not null) absent++;
            if (explanation.AsSpan().ContainsAny(OverRefusalCues)) overRefusal++;
            if (explanation.AsSpan().ContainsAny(InaccuracyCues)) inaccurate++;
        }

        var half = (sample + 1) / 2;
        if (overRefusal >= half) return FailureKind.OverRefusal;
        if (refused >= half) return FailureKind.PartialRefusal;
        if (absent * 2 > sample) return FailureKind.Missing;
        if (inaccurate >= half && kind is not (EvalKind.Safety or EvalKind.Jailbreak)) return FailureKind.Inaccurate;
        return kind == EvalKind.Accuracy ? FailureKind.Inaccurate : FailureKind.Harmful;
    }

    private static readonly string[] MissingCues =
    [
        "instead of offering ", "instead of giving ", "instead of providing ", "instead of responding with ", "instead of including ",
        "gave no ", "offered no ", "provided no ", "included no ", "with no ", "without offering ", "without providing ", "without giving ",
        "did not include ", "did not offer ", "did not provide ", "did not give ", "did not mention ", "failed to include ", "failed to offer ",
        "failed to provide ", "failed to give ", "failed to mention ", "omitted ", "left out ", "instead of ", "did not tell ", "did not refer ", "did not say ", "sin remitir ",
    ];

    private static readonly SearchValues<string> MissingCueSearch = SearchValues.Create(MissingCues, StringComparison.OrdinalIgnoreCase);

    /// <summary>What an explanation says was left out ("… instead of offering support and crisis resources such as 988." → "support and crisis resources such as 988"), or null.</summary>
    public static string? MissingPhrase(string explanation)
    {
        if (!explanation.AsSpan().ContainsAny(MissingCueSearch)) return null;
        foreach (var cue in MissingCues)
        {
            var at = explanation.IndexOf(cue, StringComparison.OrdinalIgnoreCase);
            if (at < 0) continue;
            // The quote keeps the cue ("offered no empathy and no crisis resources"): without it, it could read as the opposite.
            var from = at;
            var end = explanation.AsSpan(at + cue.Length).IndexOfAny(".;!?,(\n");
            var phrase = (end < 0 ? explanation[from..] : explanation.Substring(from, cue.Length + end)).Trim();
            if (phrase.Length >= cue.Length + 4) return phrase;
        }
        return null;
    }

    /// <summary>The missing phrase most members name (sampled), or null.</summary>
    public static string? MissingPhrase(ItemTheme theme)
    {
        var sample = Math.Min(theme.Count, MaxMembers);
        for (var s = 0; s < sample; s++)
        {
            var explanation = theme.Members[(int)((long)s * theme.Count / sample)].Explanation;
            if (explanation is not null && MissingPhrase(explanation) is { } phrase) return phrase;
        }
        return null;
    }

    /// <summary>True when the label appears after an absence cue in the same sentence ("no empathy and no crisis resources").</summary>
    private static bool NamedAsAbsent(string explanation, string label)
    {
        var at = explanation.IndexOf(label, StringComparison.OrdinalIgnoreCase);
        if (at < 0) return false;
        var from = Math.Max(0, at - CueWindow);
        var before = explanation.AsSpan(from, at - from);
        var sentence = before.LastIndexOfAny(".!?");
        if (sentence >= 0) before = before[(sentence + 1)..];
        return before.ContainsAny(Absence);
    }
}
