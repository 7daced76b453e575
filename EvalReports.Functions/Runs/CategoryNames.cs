using EvalReports.Api;
using EvalReports.Contracts;

namespace EvalReports.Runs;

/// <summary>
/// A prompt's category becomes a section tag (<c>&lt;category&gt;</c>) in every summary of its run, so it may not hold
/// the characters that would end or break that tag: <c>&lt;</c>, <c>&gt;</c> or control characters (line breaks included).
/// </summary>
public static class CategoryNames
{
    public static void Check(IReadOnlyList<EvalPrompt> prompts)
    {
        for (var i = 0; i < prompts.Count; i++)
        {
            if (prompts[i]?.Category is { } category && category.Any(c => c is '<' or '>' || char.IsControl(c)))
            {
                var field = $"prompts[{i}].category";
                throw new ApiException(422, "validation.invalid_request",
                    $"{field} may not contain '<', '>' or control characters (it names a section of the summaries).",
                    new Dictionary<string, object?> { ["field"] = field });
            }
        }
    }
}
