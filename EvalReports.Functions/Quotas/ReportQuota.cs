using EvalReports.Errors;
using EvalReports.Storage;

namespace EvalReports.Quotas;

/// <summary>
/// Who may create a report, decided on the workspace's counters inside the transaction that creates it. The quota:
/// a report takes one unit when it is created (sandbox reports take none); a report whose orchestration could not
/// be started gives its unit back; deleting a report does not (the quota counts reports created); an unlimited
/// workspace is not counted. The active caps: at most <see cref="EvalReportsLimits.MaxActiveReports"/> reports
/// created or processing per workspace, and a separate, smaller allowance of sandbox reports, so one workspace
/// cannot fill the shared queue (sandbox reports cost no quota but run the same summarizer).
/// </summary>
public sealed class ReportQuota(QuotaStore store, EvalReportsSettings settings, EvalReportsLimits limits)
{
    public const string QuotaExhausted = "quota_exhausted";
    public const string ActiveReportsLimit = "active_reports_limit";

    /// <summary>What is left, or null when unlimited.</summary>
    public async Task<int?> RemainingAsync(string workspace, CancellationToken ct = default) =>
        (await store.GetAsync(workspace, ct)).RemainingReports;

    public int? RemainingAfter(string workspace, WorkspaceCounters counters) => store.ToRecord(workspace, counters).RemainingReports;

    public int ActiveLimit(bool sandbox) => sandbox ? limits.MaxActiveSandboxReports : limits.MaxActiveReports;

    /// <summary>The admission rule handed to <see cref="ReportStore.CreateAsync"/>.</summary>
    public Func<WorkspaceCounters, (string? Refusal, bool TakesUnit)> Admit(bool sandbox) => counters =>
    {
        if (counters.Active(sandbox) >= ActiveLimit(sandbox))
        {
            return (ActiveReportsLimit, false);
        }

        var limit = counters.EffectiveLimit(settings.DefaultReportLimit);
        if (sandbox || limit is null)
        {
            return (null, false);
        }

        return counters.ReportsUsed >= limit ? (QuotaExhausted, false) : (null, true);
    };

    /// <summary>The 429 for a refusal of <see cref="Admit"/>, with what the caller needs to know in its details.</summary>
    public ApiException Refused(string refusal, bool sandbox, WorkspaceCounters counters)
    {
        if (refusal == QuotaExhausted)
        {
            var limit = counters.EffectiveLimit(settings.DefaultReportLimit);
            return ApiErrors.QuotaExceeded($"The workspace has used all {limit} of its reports.",
                new Dictionary<string, object?> { ["reason"] = QuotaExhausted, ["report_limit"] = limit, ["remaining_reports"] = 0 });
        }

        var cap = ActiveLimit(sandbox);
        var kind = sandbox ? "sandbox reports" : "reports";
        return ApiErrors.QuotaExceeded(
            $"The workspace already has {cap} {kind} created or processing, the most it may have at once; retry when one has finished.",
            new Dictionary<string, object?> { ["reason"] = ActiveReportsLimit, ["active_limit"] = cap, ["is_sandbox"] = sandbox });
    }

    public Task<QuotaRecord> SetLimitAsync(string workspace, int? limit, CancellationToken ct = default) => store.SetLimitAsync(workspace, limit, ct);

    public Task<QuotaRecord> GetAsync(string workspace, CancellationToken ct = default) => store.GetAsync(workspace, ct);
}
