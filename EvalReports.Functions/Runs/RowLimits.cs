using System.Text.Json.Nodes;
using EvalReports.Contracts;
using EvalReports.Errors;

namespace EvalReports.Runs;

/// <summary>
/// What an import must fit so that no row written for it, now or when it is reported on, can exceed Table Storage's
/// limits (1 MiB per row; 448,000 characters per text here, 14 properties of 32,000). Checked before anything is
/// written, each a 422 naming the field.
/// <list type="bullet">
/// <item>The run's header text (the evaluation's JSON plus <c>ai_description</c>) at most <see cref="MaxHeaderChars"/>:
/// the header row holds it once, and every run report of a suite holds a copy of it beside the three summaries and
/// the digest, so 200,000 characters (≈ 400 KB in UTF-16) leave over half of that row's 1 MiB to the report.</item>
/// <item>At most <see cref="MaxCategories"/> distinct prompt categories: each one adds a section to every summary and
/// a line to the digest of the run report row.</item>
/// </list>
/// </summary>
public static class RowLimits
{
    public const int MaxHeaderChars = 200_000;
    public const int MaxCategories = 100;

    public static void Check(EvalRunImport import, IReadOnlyList<EvalPrompt> prompts)
    {
        var evaluation = import.Evaluation is null ? 0 : Json.Serialize(import.Evaluation).Length;
        var description = (import.AiDescription ?? import.Evaluation?.AiDescription)?.Length ?? 0;
        if (evaluation + description > MaxHeaderChars)
        {
            var field = LargestField(import, description);
            throw new ApiException(422, "validation.invalid_request",
                $"The run's description and evaluation take {evaluation + description:N0} characters, more than the {MaxHeaderChars:N0} " +
                $"a stored run can hold; {field} is the largest part.",
                new Dictionary<string, object?> { ["field"] = field, ["max_length"] = MaxHeaderChars, ["length"] = evaluation + description });
        }

        var categories = prompts.Select(p => p?.Category).OfType<string>().Distinct(StringComparer.Ordinal).Count();
        if (categories > MaxCategories)
        {
            throw new ApiException(422, "validation.invalid_request",
                $"An eval run has at most {MaxCategories} prompt categories; this one has {categories}.",
                new Dictionary<string, object?> { ["field"] = "prompts[].category", ["max_categories"] = MaxCategories, ["categories"] = categories });
        }
    }

    private static string LargestField(EvalRunImport import, int description)
    {
        var eval = import.Evaluation;
        var parts = new List<(string Field, long Length)>
        {
            ("ai_description", import.AiDescription is null ? 0 : description),
            ("evaluation.ai_description", eval?.AiDescription?.Length ?? 0),
            ("evaluation.ai_instructions", JsonLength(eval?.AiInstructions)),
            ("evaluation.eval_instructions", eval?.EvalInstructions?.Length ?? 0),
            ("evaluation.ground_truth", JsonLength(eval?.GroundTruth)),
            ("evaluation.prompt_examples", eval?.PromptExamples?.Sum(e => (long)((e?.Content?.Length ?? 0) + (e?.Explanation?.Length ?? 0))) ?? 0),
        };
        return parts.MaxBy(p => p.Length).Field;
    }

    private static long JsonLength(JsonNode? node) => node is null ? 0 : node.ToJsonString().Length;
}
