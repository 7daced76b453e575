using EvalReports.Api;
using EvalReports.Auth;
using EvalReports.Contracts;
using EvalReports.Quotas;
using EvalReports.Storage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace EvalReports.Reports;

/// <summary>What the /v2/eval-reports endpoints do, free of HTTP.</summary>
public sealed class ReportService(
    EvalRunStore runs, ReportStore reports, ReportQuota quota, StuckReports stuck, EvalReportsSettings settings, TimeProvider clock)
{
    public async Task<EvalSuiteReport> CreateAsync(
        Caller caller, CreateReportRequest request, bool isSandbox, DurableTaskClient durable, CancellationToken ct = default)
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

        // Sandbox reports take no unit; the others take theirs before anything is written, so a 429 creates nothing.
        var remaining = isSandbox ? await quota.RemainingAsync(caller.WorkspaceUuid, ct) : await quota.TakeAsync(caller.WorkspaceUuid, ct);
        var now = clock.GetUtcNow();
        var record = new ReportRecord
        {
            WorkspaceUuid = caller.WorkspaceUuid,
            ReportUuid = Ids.NewUuid(),
            Status = ReportStatus.Created,
            CreatedAt = now,
            UpdatedAt = now,
            EvalRunUuids = runUuids,
            IsSandbox = isSandbox,
        };
        try
        {
            await StartAsync(record, durable, ct);
        }
        catch when (!isSandbox)
        {
            await GiveBackAsync(caller.WorkspaceUuid);
            throw;
        }

        return ReportMapper.ToContract(record, []) with { RemainingReports = remaining };
    }

    /// <param name="durable">When given, a report whose orchestration is gone or dead is failed on read.</param>
    public async Task<EvalSuiteReport> GetAsync(
        Caller caller, string reportUuid, bool includeResponses, DurableTaskClient? durable = null, CancellationToken ct = default)
    {
        var record = await reports.GetRecordAsync(caller.WorkspaceUuid, reportUuid, ct) ?? throw ReportNotFound();
        record = await stuck.CheckAsync(record, durable, ct) ?? throw ReportNotFound();
        var runReports = await reports.GetRunReportsAsync(caller.WorkspaceUuid, reportUuid, ct);
        var result = ReportMapper.ToContract(record, runReports) with { RemainingReports = await quota.RemainingAsync(caller.WorkspaceUuid, ct) };
        return includeResponses ? await WithResponsesAsync(caller, result, ct) : result;
    }

    public async Task<PagedList<EvalSuiteReport>> ListAsync(
        Caller caller, int limit, int offset, DurableTaskClient? durable = null, CancellationToken ct = default)
    {
        var (ids, count) = await reports.ListAsync(caller.WorkspaceUuid, limit, offset, ct);
        var remaining = await quota.RemainingAsync(caller.WorkspaceUuid, ct);
        var items = await Task.WhenAll(ids.Select(async id =>
        {
            var record = await reports.GetRecordAsync(caller.WorkspaceUuid, id, ct);
            record = record is null ? null : await stuck.CheckAsync(record, durable, ct);
            return record is null
                ? null
                : ReportMapper.ToContract(record, await reports.GetRunReportsAsync(caller.WorkspaceUuid, id, ct)) with { RemainingReports = remaining };
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

        await reports.DeleteAsync(caller.WorkspaceUuid, reportUuid, ct);
        await PurgeHistoryAsync(durable, reportUuid);
    }

    private async Task StartAsync(ReportRecord record, DurableTaskClient durable, CancellationToken ct)
    {
        await reports.CreateAsync(record, ct);
        try
        {
            var input = new SuiteReportInput(record.WorkspaceUuid, record.ReportUuid, record.EvalRunUuids, record.IsSandbox, settings.ReportConcurrency);
            await durable.ScheduleNewOrchestrationInstanceAsync(
                TaskNames.BuildSuiteReport, input, new StartOrchestrationOptions(InstanceId: record.ReportUuid), ct);
        }
        catch
        {
            // The report was never started: it must not linger as "created".
            await reports.DeleteAsync(record.WorkspaceUuid, record.ReportUuid, CancellationToken.None);
            throw;
        }
    }

    /// <summary>A report that never started gives its unit back. If that fails too, the caller still sees the first failure.</summary>
    private async Task GiveBackAsync(string workspace)
    {
        try
        {
            await quota.GiveBackAsync(workspace, CancellationToken.None);
        }
        catch (Exception)
        {
            // One unit stays used; the original failure is what the caller must see.
        }
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

        if (ids.Count > settings.MaxRunsPerReport)
        {
            throw ApiErrors.InvalidRequest(
                $"A report covers at most {settings.MaxRunsPerReport} eval runs; {ids.Count} were given.", "eval_run_uuids");
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
        var withResponses = new List<EvalRunReport>(report.EvalRunReports.Count);
        foreach (var runReport in report.EvalRunReports)
        {
            var stored = await runs.GetAsync(caller.WorkspaceUuid, runReport.EvalRunUuid, ct);
            var responses = new List<ScoredResponse>();
            if (stored is not null)
            {
                await foreach (var response in runs.ReadResponsesAsync(stored, ct: ct))
                {
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
