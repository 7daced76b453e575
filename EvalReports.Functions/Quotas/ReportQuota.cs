using EvalReports.Api;

namespace EvalReports.Quotas;

/// <summary>
/// The per-workspace report quota. A report takes one unit when it is created (sandbox reports take none); a report
/// whose orchestration could not be started gives its unit back. Deleting a report does not: the quota counts
/// reports created. An unlimited workspace is not counted at all.
/// </summary>
public sealed class ReportQuota(QuotaStore store)
{
    /// <summary>What is left, or null when unlimited.</summary>
    public async Task<int?> RemainingAsync(string workspace, CancellationToken ct = default) =>
        (await store.GetAsync(workspace, ct)).RemainingReports;

    /// <summary>Takes one unit and returns what is left after it (null when unlimited); 429 when none is left.</summary>
    public async Task<int?> TakeAsync(string workspace, CancellationToken ct = default)
    {
        var exceeded = false;
        var after = await store.ChangeAsync(workspace, quota =>
        {
            exceeded = quota.RemainingReports == 0;
            return quota.ReportLimit is null || exceeded ? null : quota with { ReportsUsed = quota.ReportsUsed + 1 };
        }, ct);
        if (exceeded)
        {
            throw new ApiException(429, "quota.limit_exceeded", $"The workspace has used all {after.ReportLimit} of its reports.",
                new Dictionary<string, object?> { ["report_limit"] = after.ReportLimit, ["remaining_reports"] = 0 });
        }

        return after.RemainingReports;
    }

    /// <summary>Returns a unit taken by <see cref="TakeAsync"/> for a report that never started.</summary>
    public Task GiveBackAsync(string workspace, CancellationToken ct = default) =>
        store.ChangeAsync(workspace, quota =>
            quota.ReportLimit is null || quota.ReportsUsed == 0 ? null : quota with { ReportsUsed = quota.ReportsUsed - 1 }, ct);

    /// <summary>Sets the limit (null = unlimited); the count of reports already used is kept.</summary>
    public Task<QuotaRecord> SetLimitAsync(string workspace, int? limit, CancellationToken ct = default) =>
        store.ChangeAsync(workspace, quota => quota with { ReportLimit = limit }, ct);

    public Task<QuotaRecord> GetAsync(string workspace, CancellationToken ct = default) => store.GetAsync(workspace, ct);
}
