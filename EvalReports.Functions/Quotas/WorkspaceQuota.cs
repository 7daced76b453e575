using System.Text.Json;
using EvalReports.Errors;
using EvalReports.Storage;

namespace EvalReports.Quotas;

/// <summary>Body of PUT /v2/admin/workspaces/{workspace_uuid}/quota: a whole number ≥ 0, or null for unlimited.</summary>
public sealed record QuotaUpdate(JsonElement ReportLimit)
{
    /// <summary>The limit asked for; a missing field, a fraction, a negative number or another type is 422.</summary>
    public int? RequireLimit() => ReportLimit.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.Number when ReportLimit.TryGetInt32(out var limit) && limit >= 0 => limit,
        _ => throw ApiErrors.InvalidRequest("report_limit is required: a whole number of reports (0 or more), or null for unlimited.", "report_limit"),
    };
}

/// <summary>A workspace's quota as the admin endpoints return it.</summary>
public sealed record WorkspaceQuota(string WorkspaceUuid, int? ReportLimit, int ReportsUsed, int? RemainingReports)
{
    public static WorkspaceQuota From(QuotaRecord record) =>
        new(record.WorkspaceUuid, record.ReportLimit, record.ReportsUsed, record.RemainingReports);
}
