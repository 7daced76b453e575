using EvalReports.Contracts;

namespace EvalReports.Stats;

/// <summary>
/// Each prompt's verdict in a run, by prompt_uuid, in the run's order: a prompt passes when all of its scored
/// responses pass (a multi-turn thread fails on any failing turn). Prompts with no scored response are left out.
/// </summary>
public sealed class PromptOutcomes
{
    private readonly Dictionary<string, bool> passed = new(StringComparer.Ordinal);
    private readonly List<string> order = [];

    public static PromptOutcomes Of(IEnumerable<ScoredResponse> responses)
    {
        var outcomes = new PromptOutcomes();
        foreach (var response in responses)
        {
            if (response?.PromptUuid is not { } prompt || response.ExcludeFromScoring == true || response.IsPassed is not { } isPassed)
            {
                continue;
            }

            if (outcomes.passed.TryGetValue(prompt, out var before))
            {
                outcomes.passed[prompt] = before && isPassed;
            }
            else
            {
                outcomes.passed[prompt] = isPassed;
                outcomes.order.Add(prompt);
            }
        }

        return outcomes;
    }

    public IReadOnlyList<string> Prompts => order;

    public bool? Passed(string promptUuid) => passed.TryGetValue(promptUuid, out var value) ? value : null;
}
