using Azure;
using Azure.Data.Tables;

namespace EvalReports.Storage;

/// <summary>
/// One row per workspace in the reports table (row key <see cref="RowKey"/>, beside the workspace's report rows), so
/// that creating, finishing and deleting a report change it in the same transaction as the report itself: the quota
/// unit, the count the list shows and the number of active reports can never disagree with the reports stored.
/// </summary>
/// <param name="ReportLimit">The workspace's own report quota (null = unlimited); only meaningful when <paramref name="LimitSet"/>.</param>
/// <param name="LimitSet">False until an admin sets a limit: until then the default limit applies.</param>
/// <param name="ReportsUsed">Reports counted against the quota (only while the workspace has a limit).</param>
/// <param name="Reports">Reports stored in the workspace (the list's <c>count</c>).</param>
/// <param name="ActiveReports">Non-sandbox reports that are created or processing.</param>
/// <param name="ActiveSandboxReports">Sandbox reports that are created or processing.</param>
public sealed record WorkspaceCounters(
    int? ReportLimit, bool LimitSet, int ReportsUsed, int Reports, int ActiveReports, int ActiveSandboxReports)
{
    /// <summary>No report or run id can start with '~' (see Ids), so this never collides with a report row.</summary>
    public const string RowKey = "~workspace";

    public static readonly WorkspaceCounters None = new(null, false, 0, 0, 0, 0);

    /// <summary>The limit in force: the workspace's own, else <paramref name="defaultLimit"/>.</summary>
    public int? EffectiveLimit(int? defaultLimit) => LimitSet ? ReportLimit : defaultLimit;

    public int Active(bool sandbox) => sandbox ? ActiveSandboxReports : ActiveReports;

    public WorkspaceCounters WithActive(bool sandbox, int delta) => sandbox
        ? this with { ActiveSandboxReports = Math.Max(0, ActiveSandboxReports + delta) }
        : this with { ActiveReports = Math.Max(0, ActiveReports + delta) };

    public static async Task<(WorkspaceCounters Counters, ETag? ETag)> ReadAsync(TableClient table, string workspace, CancellationToken ct)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(workspace, RowKey, cancellationToken: ct);
        if (!response.HasValue)
        {
            return (None, null);
        }

        var e = response.Value!;
        return (new WorkspaceCounters(
            e.GetInt32("ReportLimit"),
            e.GetBoolean("LimitSet") ?? false,
            e.GetInt32("ReportsUsed") ?? 0,
            e.GetInt32("Reports") ?? 0,
            e.GetInt32("ActiveReports") ?? 0,
            e.GetInt32("ActiveSandboxReports") ?? 0), e.ETag);
    }

    /// <summary>
    /// Insert when there was no row (<paramref name="etag"/> null), else replace exactly that version; a row back to
    /// nothing at all (no report, no limit set) is deleted, so a workspace whose last report went leaves no row.
    /// </summary>
    public TableTransactionAction WriteAction(string workspace, ETag? etag)
    {
        var entity = ToEntity(workspace);
        return etag is { } match
            ? new TableTransactionAction(this == None ? TableTransactionActionType.Delete : TableTransactionActionType.UpdateReplace, entity, match)
            : new TableTransactionAction(TableTransactionActionType.Add, entity);
    }

    public TableEntity ToEntity(string workspace) => new(workspace, RowKey)
    {
        ["ReportLimit"] = ReportLimit,
        ["LimitSet"] = LimitSet,
        ["ReportsUsed"] = ReportsUsed,
        ["Reports"] = Reports,
        ["ActiveReports"] = ActiveReports,
        ["ActiveSandboxReports"] = ActiveSandboxReports,
    };
}
