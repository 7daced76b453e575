using System.Text.Json.Nodes;
using EvalReports.Contracts;
using EvalReports.Errors;

namespace EvalReports.Runs;

/// <summary>
/// Length caps on the text of an imported run, each a 422 naming the field: ids (prompt, response, thread) at most
/// <see cref="MaxIdLength"/> characters, names and categories at most <see cref="EvalRunService.MaxNameLength"/>,
/// every longer text (response content, explanation, prompt, instructions, ground truth) at most
/// EvalReportsLimits.MaxTextChars. Content that is JSON rather than a string counts as its JSON text.
/// </summary>
public sealed class TextLimits(int maxTextChars)
{
    public const int MaxIdLength = 128;

    public void Check(EvalRunImport import, IReadOnlyList<EvalPrompt> prompts, IReadOnlyList<ScoredResponse> responses)
    {
        Text(import.AiDescription, "ai_description");
        if (import.Evaluation is { } eval)
        {
            Name(eval.Name, "evaluation.name");
            Name(eval.CreatedBy, "evaluation.created_by");
            Text(eval.AiDescription, "evaluation.ai_description");
            Json(eval.AiInstructions, "evaluation.ai_instructions");
            Text(eval.EvalInstructions, "evaluation.eval_instructions");
            Json(eval.GroundTruth, "evaluation.ground_truth");
            EvalShapes.Check(eval);
            var examples = eval.PromptExamples ?? [];
            for (var i = 0; i < examples.Count; i++)
            {
                Text(examples[i]?.Content, $"evaluation.prompt_examples[{i}].content");
                Text(examples[i]?.Explanation, $"evaluation.prompt_examples[{i}].explanation");
            }
        }

        for (var i = 0; i < prompts.Count; i++)
        {
            Id(prompts[i]?.PromptUuid, $"prompts[{i}].prompt_uuid");
            Text(prompts[i]?.Content, $"prompts[{i}].content");
            Name(prompts[i]?.Category, $"prompts[{i}].category");
        }

        for (var i = 0; i < responses.Count; i++)
        {
            var response = responses[i];
            if (response is null)
            {
                continue;
            }

            Id(response.PromptUuid, $"responses[{i}].prompt_uuid");
            Id(response.ResponseUuid, $"responses[{i}].response_uuid");
            Id(response.ThreadUuid, $"responses[{i}].thread_uuid");
            Json(response.Content, $"responses[{i}].content");
            Text(response.Explanation, $"responses[{i}].explanation");
            Text(response.NextPrompt?.Content, $"responses[{i}].next_prompt.content");
            Json(response.ManuallyUpdatedBy, $"responses[{i}].manually_updated_by");
            Cap(response.UpdateHistory?.Sum(h => h?.ToJsonString().Length ?? 4), maxTextChars, $"responses[{i}].update_history");
        }
    }

    private static void Id(string? value, string field) => Cap(value?.Length, MaxIdLength, field);

    private static void Name(string? value, string field) => Cap(value?.Length, EvalRunService.MaxNameLength, field);

    private void Text(string? value, string field) => Cap(value?.Length, maxTextChars, field);

    private void Json(JsonNode? value, string field) =>
        Cap(value is JsonValue v && v.TryGetValue<string>(out var text) ? text.Length : value?.ToJsonString().Length, maxTextChars, field);

    private static void Cap(int? length, int max, string field)
    {
        if (length > max)
        {
            throw new ApiException(422, "validation.invalid_request", $"{field} is longer than {max} characters.",
                new Dictionary<string, object?> { ["field"] = field, ["max_length"] = max });
        }
    }
}
