using EvalReports.Contracts;
using EvalReports.Storage;

namespace EvalReports.Stats;

/// <summary>Finds a run's baseline (the baseline report's first run of the same eval_uuid) and compares the two.</summary>
public sealed class BaselineComparisons(EvalRunStore runs, ReportStore reports)
{
    public async Task<RunComparison> CompareAsync(
        string workspace, string baselineReportUuid, EvalRunResult run, ReportStats current, PromptOutcomes currentOutcomes, CancellationToken ct)
    {
        var baselineRuns = await reports.GetRunFactsAsync(workspace, baselineReportUuid, ct);
        var match = baselineRuns.FirstOrDefault(r => string.Equals(r.EvalUuid, run.EvalUuid, StringComparison.Ordinal));
        if (match is null)
        {
            return RunComparer.New();
        }

        var stored = await runs.GetAsync(workspace, match.EvalRunUuid, ct);
        if (stored is null)
        {
            // The run is gone but its report keeps its counts: the rates can still be compared, the prompts cannot.
            var kept = match.Stats ?? FromHeader(match.LegacyRun!);
            return RunComparer.Compare(match.EvalRunUuid, kept, null, current, currentOutcomes);
        }

        var (prompts, responses) = await runs.ReadItemsAsync(stored, ct);
        return RunComparer.Compare(
            match.EvalRunUuid, StatsCalculator.ForRun(prompts, responses), PromptOutcomes.Of(responses), current, currentOutcomes);
    }

    /// <summary>A report written before stats existed: its run header still has pass_rate and num_responses_scored.</summary>
    private static ReportStats FromHeader(EvalRunResult run)
    {
        var passed = (int)Math.Round((run.PassRate ?? 0) * run.NumResponsesScored);
        return new ReportStats { Scored = run.NumResponsesScored, Passed = passed, Failed = run.NumResponsesScored - passed };
    }
}
