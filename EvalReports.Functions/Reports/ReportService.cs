using EvalReports.Auth;
using EvalReports.Contracts;
using EvalReports.Errors;
using EvalReports.Quotas;
using EvalReports.Storage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace EvalReports.Reports;

/// <summary>What the /v2/eval-reports endpoints do, free of HTTP.</summary>
public sealed class ReportService(
    EvalRunStore runs, ReportStore reports, ActiveReportIndex active, ReportQuota quota, StuckReports stuck, EvalReportsLimits limits, TimeProvider clock)
{
    /// <param name="reportUuid">The uuid to create it under (an Idempotency-Key's claim holds it); new when null.</param>
    public async Task<EvalSuiteReport> CreateAsync(
        Caller caller, CreateReportRequest request, bool isSandbox, DurableTaskClient durable, string? reportUuid = null, CancellationToken ct = default)
    {
        var runUuids = Validate(request);
        var statuses = await runs.GetStatusesAsync(caller.WorkspaceUuid, runUuids, ct);
        var missing = runUuids.Where((_, i) => statuses[i] is null).ToList();
        if (missing.Count > 0)
        {
            throw ApiErrors.NotFound(
                $"{missing.Count} eval run(s) were not found.",
                new Dictionary<string, object?> { ["missing_eval_run_uuids"] = missing });
        }

        var unfinished = runUuids.Where((_, i) => statuses[i] != "finished").ToList();
        if (unfinished.Count > 0)
        {
            throw ApiErrors.Conflict(
                $"{unfinished.Count} eval run(s) are not finished.",
                new Dictionary<string, object?> { ["unfinished_eval_run_uuids"] = unfinished });
        }

        var baseline = await BaselineAsync(caller, request.BaselineEvalSuiteReportUuid, ct);
        var now = clock.GetUtcNow();
        var record = new ReportRecord
        {
            WorkspaceUuid = caller.WorkspaceUuid,
            ReportUuid = reportUuid ?? Ids.NewUuid(),
            Status = ReportStatus.Created,
            CreatedAt = now,
            UpdatedAt = now,
            EvalRunUuids = runUuids,
            IsSandbox = isSandbox,
            BaselineReportUuid = baseline,
        };

        // Indexed first, so no active report is ever missing from the index the maintenance sweep reads.
        await active.AddAsync(record.WorkspaceUuid, record.ReportUuid, now, ct);
        var result = await reports.CreateAsync(record, quota.Admit(isSandbox), ct);
        switch (result.Outcome)
        {
            case CreateOutcome.Refused:
                await active.RemoveAsync(record.WorkspaceUuid, record.ReportUuid);
                throw quota.Refused(result.Refusal!, isSandbox, result.Counters);
            case CreateOutcome.AlreadyExists:
                // A retried request (Idempotency-Key taken over): the report it created is the answer, never a second one.
                return await ResumeAsync(caller, record.ReportUuid, durable, ct);
        }

        await StartAsync(record, durable, ct);
        return ReportMapper.ToContract(record, []) with { RemainingReports = quota.RemainingAfter(caller.WorkspaceUuid, result.Counters) };
    }

    /// <param name="durable">Asked whether the report's orchestration is alive: one that is gone or dead fails the report on read.</param>
    public async Task<EvalSuiteReport> GetAsync(
        Caller caller, string reportUuid, bool includeResponses, DurableTaskClient durable, CancellationToken ct = default)
    {
        var record = await reports.GetRecordAsync(caller.WorkspaceUuid, reportUuid, ct) ?? throw ReportNotFound();
        record = await stuck.CheckAsync(record, durable, ct) ?? throw ReportNotFound();
        var runReports = await reports.GetRunReportsAsync(caller.WorkspaceUuid, reportUuid, ct);
        var result = ReportMapper.ToContract(record, runReports) with { RemainingReports = await quota.RemainingAsync(caller.WorkspaceUuid, ct) };
        return includeResponses ? await WithResponsesAsync(caller, result, ct) : result;
    }

    /// <summary>
    /// One page, newest first, read in one range query. Items carry the report's own fields and overall summaries but
    /// not its run reports (<c>eval_run_reports</c> is empty, <c>progress</c> says how many there are): a page of 100
    /// suites of 100 runs would otherwise be 10,000 run reports. GET one report for them.
    /// </summary>
    public async Task<PagedList<EvalSuiteReport>> ListAsync(
        Caller caller, int limit, int offset, DurableTaskClient durable, CancellationToken ct = default)
    {
        var (page, count) = await reports.ListAsync(caller.WorkspaceUuid, limit, offset, ct);
        var remaining = await quota.RemainingAsync(caller.WorkspaceUuid, ct);
        var items = await Task.WhenAll(page.Select(async record =>
        {
            var current = await stuck.CheckAsync(record, durable, ct);
            return current is null ? null : ReportMapper.ToListItem(current) with { RemainingReports = remaining };
        }));
        return new PagedList<EvalSuiteReport>(items.OfType<EvalSuiteReport>().ToList(), count);
    }

    public async Task DeleteAsync(Caller caller, string reportUuid, DurableTaskClient durable, CancellationToken ct = default)
    {
        var record = await reports.GetRecordAsync(caller.WorkspaceUuid, reportUuid, ct) ?? throw ReportNotFound();
        if (record.Status is ReportStatus.Created or ReportStatus.Processing)
        {
            await StopOrchestrationAsync(durable, reportUuid, ct);
        }

        await reports.DeleteAsync(caller.WorkspaceUuid, reportUuid, ct: ct);
        await PurgeHistoryAsync(durable, reportUuid);
    }

    private async Task StartAsync(ReportRecord record, DurableTaskClient durable, CancellationToken ct)
    {
        try
        {
            var input = new SuiteReportInput(record.WorkspaceUuid, record.ReportUuid, record.EvalRunUuids, record.IsSandbox, limits.ReportConcurrency);
            await durable.ScheduleNewOrchestrationInstanceAsync(
                TaskNames.BuildSuiteReport, input, new StartOrchestrationOptions(InstanceId: record.ReportUuid), ct);
        }
        catch
        {
            // The report was never started: it must not linger as "created", and it gives its quota unit back.
            await reports.DeleteAsync(record.WorkspaceUuid, record.ReportUuid, giveBackUnit: true, CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// The report an earlier attempt of the same request created. If that attempt stopped before scheduling its
    /// orchestration, it is scheduled now (same instance id, so never twice).
    /// </summary>
    private async Task<EvalSuiteReport> ResumeAsync(Caller caller, string reportUuid, DurableTaskClient durable, CancellationToken ct)
    {
        var record = await reports.GetRecordAsync(caller.WorkspaceUuid, reportUuid, ct) ?? throw ReportNotFound();
        if (record.Status == ReportStatus.Created && await durable.GetInstanceAsync(reportUuid, getInputsAndOutputs: false, ct) is null)
        {
            await StartAsync(record, durable, ct);
        }

        return await GetAsync(caller, reportUuid, includeResponses: false, durable, ct);
    }

    /// <summary>The baseline, when one is named: a finished report of the caller's workspace (else 404 / 409).</summary>
    private async Task<string?> BaselineAsync(Caller caller, string? baselineUuid, CancellationToken ct)
    {
        const string field = "baseline_eval_suite_report_uuid";
        if (baselineUuid is null)
        {
            return null;
        }

        Ids.Require(baselineUuid, field);
        var baseline = await reports.GetRecordAsync(caller.WorkspaceUuid, baselineUuid, ct)
            ?? throw ApiErrors.NotFound("The baseline eval suite report was not found.", new Dictionary<string, object?> { ["field"] = field });
        if (baseline.Status != ReportStatus.Finished)
        {
            throw ApiErrors.Conflict(
                $"The baseline eval suite report is {baseline.Status}; only a finished report can be a baseline.",
                new Dictionary<string, object?> { ["field"] = field, ["baseline_status"] = baseline.Status });
        }

        return baselineUuid;
    }

    private List<string> Validate(CreateReportRequest request)
    {
        if (request.EvalRunUuids is not { } ids)
        {
            throw ApiErrors.InvalidRequest("eval_run_uuids is required.", "eval_run_uuids");
        }

        if (ids.Count == 0)
        {
            throw ApiErrors.InvalidRequest("eval_run_uuids must name at least one eval run.", "eval_run_uuids");
        }

        if (ids.Count > limits.MaxRunsPerReport)
        {
            throw ApiErrors.InvalidRequest(
                $"A report covers at most {limits.MaxRunsPerReport} eval runs; {ids.Count} were given.", "eval_run_uuids");
        }

        for (var i = 0; i < ids.Count; i++)
        {
            Ids.Require(ids[i], $"eval_run_uuids[{i}]");
        }

        var duplicates = ids.GroupBy(id => id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            throw new ApiException(422, "validation.invalid_request", "eval_run_uuids must not repeat an eval run.",
                new Dictionary<string, object?> { ["field"] = "eval_run_uuids", ["duplicate_eval_run_uuids"] = duplicates });
        }

        return ids.ToList();
    }

    private async Task<EvalSuiteReport> WithResponsesAsync(Caller caller, EvalSuiteReport report, CancellationToken ct)
    {
        var stored = new List<StoredEvalRun>(report.EvalRunReports.Count);
        foreach (var runReport in report.EvalRunReports)
        {
            if (await runs.GetAsync(caller.WorkspaceUuid, runReport.EvalRunUuid, ct) is { } run)
            {
                stored.Add(run);
            }
        }

        IncludedResponses.CheckCount(stored);
        var chars = 0L;
        var withResponses = new List<EvalRunReport>(report.EvalRunReports.Count);
        foreach (var runReport in report.EvalRunReports)
        {
            var responses = new List<ScoredResponse>();
            if (stored.Find(r => r.Run.EvalRunUuid == runReport.EvalRunUuid) is { } run)
            {
                await foreach (var response in runs.ReadResponsesAsync(run, ct: ct))
                {
                    chars = IncludedResponses.Add(chars, response, stored);
                    responses.Add(response);
                }
            }

            withResponses.Add(runReport with { EvalRun = runReport.EvalRun with { Responses = responses } });
        }

        return report with { EvalRunReports = withResponses };
    }

    private static async Task StopOrchestrationAsync(DurableTaskClient durable, string instanceId, CancellationToken ct)
    {
        var instance = await durable.GetInstanceAsync(instanceId, getInputsAndOutputs: false, ct);
        if (instance is not null && !instance.IsCompleted)
        {
            await durable.TerminateInstanceAsync(instanceId, new TerminateInstanceOptions(Output: "deleted", Recursive: true), ct);
        }
    }

    /// <summary>Best effort: once the orchestration has stopped, its history goes too.</summary>
    private static async Task PurgeHistoryAsync(DurableTaskClient durable, string instanceId)
    {
        try
        {
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            var instance = await durable.GetInstanceAsync(instanceId, getInputsAndOutputs: false, wait.Token);
            while (instance is not null && !instance.IsCompleted)
            {
                await Task.Delay(200, wait.Token);
                instance = await durable.GetInstanceAsync(instanceId, getInputsAndOutputs: false, wait.Token);
            }

            if (instance is not null)
            {
                await durable.PurgeInstanceAsync(instanceId, new PurgeInstanceOptions(Recursive: true), wait.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // Still stopping: its history stays, but nothing of the report does (activities check before writing).
        }
    }

    private static ApiException ReportNotFound() => ApiErrors.NotFound("Eval suite report not found.");
}
