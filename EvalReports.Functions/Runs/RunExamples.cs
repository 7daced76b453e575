using EvalReports.Contracts;
using EvalReports.Errors;

namespace EvalReports.Runs;

/// <summary>
/// <c>eval_run_examples</c> are kept on the run's header row (a Table row is at most 1 MiB), so they are bounded:
/// at most <see cref="MaxExamples"/>, each text at most <see cref="MaxTextChars"/> characters, <c>type</c> "pass" or "fail".
/// </summary>
public static class RunExamples
{
    public const int MaxExamples = 50;
    public const int MaxTextChars = 4_000;

    public static void Check(IReadOnlyList<EvalRunExample>? examples)
    {
        if (examples is null)
        {
            return;
        }

        if (examples.Count > MaxExamples)
        {
            throw ApiErrors.InvalidRequest($"An eval run carries at most {MaxExamples} eval_run_examples.", "eval_run_examples");
        }

        for (var i = 0; i < examples.Count; i++)
        {
            var example = examples[i] ?? throw ApiErrors.InvalidRequest($"eval_run_examples[{i}] must be an object.", $"eval_run_examples[{i}]");
            if (example.Type is not (null or "pass" or "fail"))
            {
                throw ApiErrors.InvalidRequest($"eval_run_examples[{i}].type must be \"pass\" or \"fail\".", $"eval_run_examples[{i}].type");
            }

            Cap(example.Prompt, $"eval_run_examples[{i}].prompt");
            Cap(example.Response, $"eval_run_examples[{i}].response");
            Cap(example.Explanation, $"eval_run_examples[{i}].explanation");
            if (example.ExampleUuid is { Length: > TextLimits.MaxIdLength })
            {
                throw ApiErrors.InvalidRequest($"eval_run_examples[{i}].example_uuid is longer than {TextLimits.MaxIdLength} characters.", $"eval_run_examples[{i}].example_uuid");
            }
        }
    }

    private static void Cap(string? text, string field)
    {
        if (text is { Length: > MaxTextChars })
        {
            throw ApiErrors.InvalidRequest($"{field} is longer than {MaxTextChars} characters.", field);
        }
    }
}
