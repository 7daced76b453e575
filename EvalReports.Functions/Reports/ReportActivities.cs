using System.Security.Cryptography;
using System.Text;
using EvalReports.Contracts;
using EvalReports.Stats;
using EvalReports.Storage;
using EvalReports.Summaries;
using EvalReports.Summaries.Llm;

namespace EvalReports.Reports;

/// <summary>
/// The work of a suite report, one method per activity. Every method may run more than once (at-least-once
/// delivery) and after the report was deleted: writes are idempotent and never re-create a deleted report.
/// </summary>
public sealed class ReportActivities(
    EvalRunStore runs, ReportStore reports, SummarizerChoice summarizers, TimeProvider clock, BaselineComparisons baselines)
{
    public async Task<bool> MarkProcessingAsync(ReportKey key, CancellationToken ct = default)
    {
        var updated = await reports.UpdateAsync(key.WorkspaceUuid, key.ReportUuid, r =>
            r.Status == ReportStatus.Created ? r with { Status = ReportStatus.Processing, UpdatedAt = clock.GetUtcNow(), StartedAt = clock.GetUtcNow() } : r, ct);
        return updated is not null;
    }

    public async Task<RunReportOutcome> BuildRunReportAsync(RunReportRequest request, CancellationToken ct = default)
    {
        var stored = await runs.GetAsync(request.WorkspaceUuid, request.EvalRunUuid, ct)
            ?? throw new ReportBuildException($"Eval run {request.EvalRunUuid} no longer exists.");
        var (prompts, responses) = await runs.ReadItemsAsync(stored, ct);
        var summarizer = summarizers.For(request.IsSandbox);
        RunSummary summary;
        try
        {
            summary = await summarizer.SummarizeRunAsync(new RunSummaryInput(stored.Run, prompts, responses), ct);
        }
        catch (SummaryBudgetExceededException e)
        {
            // Final: a retry would spend the same time again (the message names no content).
            throw new ReportBuildException($"Eval run {request.EvalRunUuid}: {e.Message}");
        }
        var (stats, comparison) = await StatsAndComparisonAsync(request, stored.Run, prompts, responses, ct);
        var lead = ComparisonWriter.ForRun(comparison, PromptTexts(prompts));
        var report = new EvalRunReport
        {
            EvalRunReportUuid = DeterministicUuid(request.ReportUuid, request.EvalRunUuid),
            EvalRunUuid = request.EvalRunUuid,
            EvalRun = stored.Run,
            PassingResponsesSummary = ComparisonWriter.Prepend(lead, summary.PassingResponsesSummary),
            FailingResponsesSummary = ComparisonWriter.Prepend(lead, summary.FailingResponsesSummary),
            ImprovementAdvice = summary.ImprovementAdvice,
            Summarizer = summary.Summarizer ?? summarizer.Name,
            Stats = stats,
            Comparison = comparison,
        };
        bool saved;
        try
        {
            saved = await reports.SaveRunReportAsync(
                request.WorkspaceUuid, request.ReportUuid, new RunReportRecord(report, summary.Digest, request.Ordinal), ct);
        }
        catch (RowTooLargeException e)
        {
            throw new ReportBuildException(e.Message); // writing it again cannot succeed: final, not retried
        }

        return new RunReportOutcome(request.EvalRunUuid, summary.Digest.Scored, summary.Digest.Passed, ReportDeleted: !saved);
    }

    public async Task<bool> FinishAsync(ReportKey key, CancellationToken ct = default)
    {
        var record = await reports.GetRecordAsync(key.WorkspaceUuid, key.ReportUuid, ct);
        if (record is null)
        {
            return false;
        }

        if (record.Status == ReportStatus.Failed)
        {
            return true; // failed meanwhile (e.g. past its deadline): a late finish must not overwrite that
        }

        var digests = await reports.GetRunDigestsAsync(key.WorkspaceUuid, key.ReportUuid, ct);
        var missing = record.EvalRunUuids.Except(digests.Select(d => d.EvalRunUuid)).ToList();
        if (missing.Count > 0)
        {
            throw new ReportBuildException($"The reports of eval runs {string.Join(", ", missing)} are missing.");
        }

        var overall = record.EvalRunUuids.Count > 1
            ? await summarizers.For(record.IsSandbox).SummarizeSuiteAsync(digests.Select(d => d.Digest).ToList(), ct)
            : null;
        var facts = await reports.GetRunFactsAsync(key.WorkspaceUuid, key.ReportUuid, ct);
        var suiteStats = StatsCalculator.ForSuite(facts.Select(f => f.Stats));
        var suiteComparison = record.BaselineReportUuid is { } baseline ? RunComparer.Suite(baseline, facts.Select(f => f.Comparison).ToList()) : null;
        var lead = ComparisonWriter.ForSuite(suiteComparison, facts.Select(f => (f.Name, f.Comparison)).ToList());
        try
        {
            var updated = await reports.UpdateAsync(key.WorkspaceUuid, key.ReportUuid, r => r.Status == ReportStatus.Failed ? r : r with
            {
                Status = ReportStatus.Finished,
                UpdatedAt = clock.GetUtcNow(),
                OverallPassingResponsesSummary = ComparisonWriter.Prepend(lead, overall?.PassingResponsesSummary, keepNull: true),
                OverallFailingResponsesSummary = ComparisonWriter.Prepend(lead, overall?.FailingResponsesSummary, keepNull: true),
                OverallImprovementAdvice = overall?.ImprovementAdvice,
                Stats = suiteStats,
                Comparison = suiteComparison,
            }, ct);
            return updated is not null;
        }
        catch (RowTooLargeException e)
        {
            throw new ReportBuildException(e.Message);
        }
    }

    /// <summary>
    /// Records the failure, unless the report is already finished: FinishReport may have written it and then failed
    /// to report back (at-least-once), and a complete report must not be turned into a failed one.
    /// </summary>
    public async Task MarkFailedAsync(ReportFailure failure, CancellationToken ct = default)
    {
        await reports.UpdateAsync(failure.WorkspaceUuid, failure.ReportUuid, r => r.Status == ReportStatus.Finished ? r : r with
        {
            Status = ReportStatus.Failed,
            Error = failure.Reason,
            UpdatedAt = clock.GetUtcNow(),
        }, ct);
    }

    /// <summary>Stats always; a comparison only when the report has a baseline.</summary>
    private async Task<(ReportStats Stats, RunComparison? Comparison)> StatsAndComparisonAsync(
        RunReportRequest request, EvalRunResult run, IReadOnlyList<EvalPrompt> prompts, IReadOnlyList<ScoredResponse> responses, CancellationToken ct)
    {
        var stats = StatsCalculator.ForRun(prompts, responses);
        var header = await reports.GetRecordAsync(request.WorkspaceUuid, request.ReportUuid, ct);
        if (header?.BaselineReportUuid is not { } baseline)
        {
            return (stats, null);
        }

        return (stats, await baselines.CompareAsync(request.WorkspaceUuid, baseline, run, stats, PromptOutcomes.Of(responses), ct));
    }

    private static Func<string, string?> PromptTexts(IReadOnlyList<EvalPrompt> prompts)
    {
        var texts = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var prompt in prompts)
        {
            if (prompt?.PromptUuid is { } id)
            {
                texts.TryAdd(id, prompt.Content);
            }
        }

        return id => texts.GetValueOrDefault(id);
    }

    /// <summary>The same run in the same report always gets the same run-report uuid, however often it is built.</summary>
    private static string DeterministicUuid(string reportUuid, string runUuid)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{reportUuid}/{runUuid}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString();
    }
}
