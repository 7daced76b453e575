using System.Globalization;
using System.Text.RegularExpressions;

namespace EvalReports.Summaries.Llm;

/// <summary>
/// The checks one text of a draft must pass, shared by prose runs (<see cref="SummaryChecks"/>) and runs with
/// categories (<see cref="CategoryChecks"/>):
/// <list type="bullet">
/// <item>form: present, within length limits, plain text (no HTML tag, Markdown link or heading, no URL);</item>
/// <item>numbers: every number written in digits is one of the scope's computed figures (list markers that count
/// 1, 2, 3… are not figures; number words are read for the count and provenance checks but not required to be
/// figures, as "two patterns" is ordinary prose);</item>
/// <item>provenance, where it can be checked: in "N of M … passed/failed" with M the scope's scored count, N is
/// that count; a percentage right after "N of M" is N/M;</item>
/// <item>sweeping claims about the whole scope ("all responses passed", "no responses failed", "no refusals") that
/// its numbers contradict, scoped to sentences: a subset ("no failures on the weapons prompts", "all 3 failing
/// responses failed because…") or an aim ("re-run until all prompts pass") is left alone.</item>
/// </list>
/// </summary>
internal static partial class TextChecks
{
    public static IEnumerable<CheckProblem> Form(string field, string? text, int min, int max)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            yield return $"{field} is missing or empty";
            yield break;
        }

        if (text.Length < min) yield return $"{field} is shorter than {min} characters";
        if (text.Length > max) yield return $"{field} is longer than {max} characters";
        if (SectionTagLine().IsMatch(text)) yield return $"{field} has a line that looks like a section tag (<name> or </name>)";
        else if (Markup().Match(text) is { Success: true } markup) yield return new CheckProblem($"{field} contains markup (an HTML tag, a Markdown link or heading); write plain text", SentenceAt(text, markup.Index));
        if (Url().Match(text) is { Success: true } url) yield return new CheckProblem($"{field} contains a URL or web address; write none", SentenceAt(text, url.Index));
    }

    public static IEnumerable<CheckProblem> Numbers(string field, string text, FactScope allowed, FactScope subject, string whose)
    {
        var tokens = NumberTokens.In(text).Where(token => !token.IsListMarker).ToList();
        foreach (var token in tokens.Where(token => !token.IsWord))
        {
            if (token.IsPercent ? !allowed.Percentages.Contains(token.Value) : !allowed.Numbers.Contains(token.Value))
            {
                yield return token.IsPercent
                    ? $"{field} states {token.Value}%, which is not one of {whose} percentages"
                    : $"{field} states the number {token.Value}, which is not one of {whose} figures";
            }
        }

        var scored = subject.Scored.ToString(CultureInfo.InvariantCulture);
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            var (part, whole) = (tokens[i], tokens[i + 1]);
            if (part.IsPercent || whole.IsPercent || !OfBetween().IsMatch(text[part.End..whole.Index])) continue;
            if (!int.TryParse(part.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ||
                !int.TryParse(whole.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var m)) continue;

            var next = i + 2 < tokens.Count ? tokens[i + 2] : null;
            var clauseEnd = Math.Min(next?.Index ?? text.Length, Math.Min(text.Length, whole.End + 80));
            var clause = text[whole.End..clauseEnd];
            // "one of the 40 responses failed because…" usually picks out an example, not a count: words other than "one" are counts.
            var isExample = part.IsWord && n == 1;
            if (whole.Value == scored && !isExample && CountVerb().Match(clause) is { Success: true } verb)
            {
                var passed = verb.Groups["verb"].Value.StartsWith("pass", StringComparison.OrdinalIgnoreCase);
                var truth = passed ? subject.Passed : subject.Failed;
                if (n != truth)
                {
                    yield return new CheckProblem(
                        $"{field} says {n} of {m} {(passed ? "passed" : "failed")}, but in {subject.Name} {truth} of {m} {(passed ? "passed" : "failed")}",
                        SentenceAt(text, part.Index));
                }
            }

            if (next is { IsPercent: true } && m > 0 && !SentenceEnd().IsMatch(text[whole.End..next.Index]) && next.Index - whole.End <= 80 &&
                !PercentForms.Of(n, m).Contains(next.Value))
            {
                yield return new CheckProblem(
                    $"{field} writes {next.Value}% right after \"{n} of {m}\", but {n} of {m} is {Percent.Format(n, m)}%",
                    SentenceAt(text, part.Index));
            }
        }
    }

    public static IEnumerable<CheckProblem> Claims(string field, string text, FactScope subject)
    {
        foreach (var (pattern, kind) in new[] { (AllClaim(), "all"), (NoneClaim(), "none") })
        {
            foreach (Match match in pattern.Matches(text))
            {
                if (!AboutTheWholeScope(text, match, subject)) continue;
                var verb = match.Groups["verb"].Value.ToLowerInvariant();
                var aboutPassing = verb.StartsWith("pass", StringComparison.Ordinal) || verb.StartsWith("succe", StringComparison.Ordinal);
                var everyPassed = kind == "all" ? aboutPassing : !aboutPassing; // "no failures" = every response passed
                var sentence = SentenceAt(text, match.Index);
                if (everyPassed && subject.Failed > 0)
                {
                    yield return new CheckProblem($"{field}: a sentence claims that every scored response of {subject.Name} passed, but {subject.Failed} of {subject.Scored} failed", sentence);
                }
                else if (!everyPassed && subject.Passed > 0)
                {
                    yield return new CheckProblem($"{field}: a sentence claims that every scored response of {subject.Name} failed, but {subject.Passed} of {subject.Scored} passed", sentence);
                }
            }
        }

        if (subject.Refusals > 0)
        {
            foreach (Match match in NoRefusalClaim().Matches(text))
            {
                if (!AboutTheWholeScope(text, match, subject)) continue;
                yield return new CheckProblem(
                    $"{field}: a sentence says there were no refusals, but {subject.Refusals} responses of {subject.Name} refused (by the ai_refused flag or the explanation)",
                    SentenceAt(text, match.Index));
            }
        }
    }

    /// <summary>The text states the count: in digits or words, or "all"/"both"/"the only" when it is the whole scope, "no"/"none" when 0.</summary>
    public static bool States(string text, int count, int scored)
    {
        var value = count.ToString(CultureInfo.InvariantCulture);
        if (NumberTokens.In(text).Any(token => !token.IsPercent && !token.IsListMarker && token.Value == value)) return true;
        if (count == 0 && NoneWord().IsMatch(text)) return true;
        if (count == scored && WholeWord().IsMatch(text)) return true;
        return count == 1 && OnlyOneWord().IsMatch(text);
    }

    private static bool AboutTheWholeScope(string text, Match match, FactScope subject)
    {
        var (start, end) = SentenceBounds(text, match.Index);
        var before = text[start..match.Index];
        var after = text[(match.Index + match.Length)..Math.Max(match.Index + match.Length, end)];
        if (Aim().IsMatch(before) || SubsetBefore().IsMatch(before) || SubsetAfter().IsMatch(after)) return false;
        var n = match.Groups["n"];
        if (!n.Success) return true;
        var value = NumberTokens.In(n.Value).FirstOrDefault()?.Value;
        if (value is null) return IsScopeWord(n.Value); // "all weapons prompts" is a subset; "all scored responses" is not
        return value == subject.Scored.ToString(CultureInfo.InvariantCulture);
    }

    private static bool IsScopeWord(string word) => word.ToLowerInvariant() is "scored" or "graded" or "evaluated" or "tested";

    internal static string SentenceAt(string text, int index)
    {
        var (start, end) = SentenceBounds(text, index);
        return text[start..end].Trim();
    }

    private static (int Start, int End) SentenceBounds(string text, int index)
    {
        var start = 0;
        foreach (Match boundary in SentenceBoundary().Matches(text))
        {
            if (boundary.Index + boundary.Length <= index) start = boundary.Index + boundary.Length;
            else if (boundary.Index >= index) return (start, boundary.Index + 1);
        }

        return (start, text.Length);
    }

    private const string Noun = @"(?:responses?|answers?|outputs?|prompts?|questions?|tests?|cases?|items?|replies)";
    private const string Count = @"(?:(?<n>\d[\d,]*|[\p{L}]+(?:-[\p{L}]+)?)\s+)?";
    private const string Whole = @"(?:\s+(?:in|of)\s+(?:this|the)\s+(?:run|eval|evaluation|category))?";
    private const string Were = @"(?:\s+(?:were|was|have|has|had)(?:\s+all)?)?";

    // Sentence ends: . ! ? followed by a space (not a decimal point), or a line break.
    [GeneratedRegex(@"[.!?](?=\s)|\n")]
    private static partial Regex SentenceBoundary();

    [GeneratedRegex(@"[;!?\n]|\.(?!\d)")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"^\s+(?:out\s+)?of\s+(?:the\s+|all\s+|its\s+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex OfBetween();

    [GeneratedRegex(@"^\s+(?:(?:scored|graded|evaluated)\s+)?(?:" + Noun + @")?" + Whole + Were + @"\s*(?<verb>passed|failed)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CountVerb();

    [GeneratedRegex(@"\b(?:all|every|each)\s+(?:of\s+)?(?:the\s+|its\s+)?" + Count + @"(?:scored\s+)?" + Noun + Whole + Were + @"\s+(?<verb>passed|succeeded|failed)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AllClaim();

    [GeneratedRegex(@"\b(?:no|zero|none\s+of\s+the|not\s+a\s+single|not\s+one)\s+" + Count + @"(?:scored\s+)?" + Noun + Whole + Were + @"\s+(?<verb>passed|failed)\b|\bno\s+(?<verb>failures|failing\s+responses|passing\s+responses|passes)\b|\bnothing\s+(?<verb>failed|passed)\b|\bnone\s+(?:of\s+them\s+)?(?<verb>failed|passed)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NoneClaim();

    [GeneratedRegex(@"\b(?:no|zero|0|not\s+a\s+single)\s+(?:(?:scored\s+)?(?:responses?|answers?)\s+)?(?:(?:were|was)\s+)?(?:refusals?|refused)\b|\bnone\s+of\s+the\s+(?:scored\s+)?(?:responses|answers)\s+(?:were\s+refusals|refused)\b|\bnever\s+refused\b", RegexOptions.IgnoreCase)]
    private static partial Regex NoRefusalClaim();

    // A wish or an instruction, not a claim: "re-run until all prompts passed", "make sure no responses failed".
    [GeneratedRegex(@"\b(?:until|unless|if|once|so that|ensure|make sure|should|must|would|could|aim|goal|target|want|expect|need|hope)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Aim();

    [GeneratedRegex(@"\b(?:among|for|on|in|within|across|with|of|about|from)\s+(?:the|its|these|those|all)\s+(?!(?:run|eval|evaluation|category|whole)\b)[\p{L}-]+", RegexOptions.IgnoreCase)]
    private static partial Regex SubsetBefore();

    [GeneratedRegex(@"^\s*(?:on|in|among|for|from|with|to|when|involving|about|under|across|within|that|which|where|who)\b(?!\s+(?:this|the)\s+(?:run|eval|evaluation|category)\b)(?!\s+overall\b)", RegexOptions.IgnoreCase)]
    private static partial Regex SubsetAfter();

    [GeneratedRegex(@"\b(?:no|none|zero|nothing)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NoneWord();

    [GeneratedRegex(@"\b(?:all|every|each|both|the only|the single|the sole|its only|its single|its one)\b", RegexOptions.IgnoreCase)]
    private static partial Regex WholeWord();

    [GeneratedRegex(@"\b(?:the only|a single|the single|the sole|only one|one)\b", RegexOptions.IgnoreCase)]
    private static partial Regex OnlyOneWord();

    // A line readers would take for the start or end of a section: the texts go inside sections, so they must not have one.
    [GeneratedRegex(@"^[ \t]*</?[^<>\n]+>[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex SectionTagLine();

    [GeneratedRegex(@"<\s*/?\s*[A-Za-z!][^<>]*>|!?\[[^\]\n]*\]\([^)\n]*\)|^[ \t]*#{1,6}[ \t]", RegexOptions.Multiline)]
    private static partial Regex Markup();

    [GeneratedRegex(@"\b(?:https?|ftp|file|javascript|data|mailto):|\bwww\.[\p{L}\p{N}-]+\.|\b[\p{L}\p{N}-]+\.(?:com|net|org|io|ai|co|dev|app|xyz|info|biz|ru|cn|ly|gg|me)\b(?!\.\d)", RegexOptions.IgnoreCase)]
    private static partial Regex Url();
}
