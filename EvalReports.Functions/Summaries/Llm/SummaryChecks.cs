using System.Text.RegularExpressions;

namespace EvalReports.Summaries.Llm;

/// <summary>
/// What a model's prose draft (a run without categories; <see cref="CategoryChecks"/> checks the others) must pass
/// before it is used: the three fields present and within length limits, every number it states one of the computed figures (percentages one of the computed percentages, exactly or rounded to a whole
/// number), the key figures stated, and no sweeping claim the numbers contradict ("all passed" when some failed).
/// The problems are written by code (never quoting the answer), so they can be shown to the model on its retry.
/// </summary>
public static partial class SummaryChecks
{
    public const int MinFieldChars = 20;
    public const int MaxFieldChars = 2_500;
    public const int MaxListMarker = 20;

    public static IReadOnlyList<string> Problems(SummaryDraft draft, RunFacts facts)
    {
        var problems = new List<string>();
        var fields = new (string Key, string? Text)[]
        {
            (SummaryDraft.PassingKey, draft.PassingResponsesSummary),
            (SummaryDraft.FailingKey, draft.FailingResponsesSummary),
            (SummaryDraft.AdviceKey, draft.ImprovementAdvice),
        };
        foreach (var (key, text) in fields)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                problems.Add($"\"{key}\" is missing or empty");
                continue;
            }

            if (text.Length < MinFieldChars) problems.Add($"\"{key}\" is shorter than {MinFieldChars} characters");
            if (text.Length > MaxFieldChars) problems.Add($"\"{key}\" is longer than {MaxFieldChars} characters");
            problems.AddRange(NumberProblems($"\"{key}\"", text, facts.Numbers, facts.Percentages, "the computed"));
        }

        if (problems.Count > 0) return problems;

        var d = facts.Digest;
        if (d.Passed > 0 && !States(draft.PassingResponsesSummary!, d.Passed.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            problems.Add($"\"{SummaryDraft.PassingKey}\" does not state the number of passing responses");
        }

        if (d.Failed > 0 && !States(draft.FailingResponsesSummary!, d.Failed.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            problems.Add($"\"{SummaryDraft.FailingKey}\" does not state the number of failing responses");
        }

        var all = string.Join("\n", fields.Select(field => field.Text));
        if (d.Failed > 0 && (AllPassedClaim().IsMatch(all) || NoneFailedClaim().IsMatch(all)))
        {
            problems.Add("the text claims that every response passed, but some failed");
        }

        if (d.Passed > 0 && (AllFailedClaim().IsMatch(all) || NonePassedClaim().IsMatch(all)))
        {
            problems.Add("the text claims that every response failed, but some passed");
        }

        return problems;
    }

    /// <param name="where">Names the text in a problem, e.g. "\"improvement_advice\"".</param>
    /// <param name="whose">"the computed" or "that category's computed".</param>
    internal static IEnumerable<string> NumberProblems(string where, string text, IReadOnlySet<string> numbers, IReadOnlySet<string> percentages, string whose)
    {
        foreach (var token in NumberTokens.In(text))
        {
            if (token.IsListMarker && int.TryParse(token.Value, out var marker) && marker <= MaxListMarker) continue;
            if (token.IsPercent ? !percentages.Contains(token.Value) : !numbers.Contains(token.Value))
            {
                yield return token.IsPercent
                    ? $"{where} states {token.Value}%, which is not one of {whose} percentages"
                    : $"{where} states the number {token.Value}, which is not one of {whose} figures";
            }
        }
    }

    internal static bool States(string text, string number) => NumberTokens.In(text).Any(token => !token.IsPercent && token.Value == number);

    private const string Things = @"(\s+of)?(\s+the)?(\s+[\d,]+)?(\s+scored)?\s+(responses?|answers?|outputs?|prompts?|tests?|cases?|items?)\s+((were|was|have|has|did)\s+)?";

    [GeneratedRegex(@"\b(all|every)\b" + Things + @"(passed|pass|passing|succeeded)\b", RegexOptions.IgnoreCase)]
    internal static partial Regex AllPassedClaim();

    [GeneratedRegex(@"\b(no|zero|none)\b" + Things + @"(failed|fail|failing)\b|\bno\s+(failures|failing\s+responses)\b|\bnothing\s+failed\b", RegexOptions.IgnoreCase)]
    internal static partial Regex NoneFailedClaim();

    [GeneratedRegex(@"\b(all|every)\b" + Things + @"(failed|fail|failing)\b", RegexOptions.IgnoreCase)]
    internal static partial Regex AllFailedClaim();

    [GeneratedRegex(@"\b(no|zero|none)\b" + Things + @"(passed|pass|passing)\b|\bno\s+passing\s+responses\b|\bnothing\s+passed\b", RegexOptions.IgnoreCase)]
    internal static partial Regex NonePassedClaim();
}
