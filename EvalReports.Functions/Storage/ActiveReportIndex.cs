using Azure;
using Azure.Data.Tables;

namespace EvalReports.Storage;

/// <summary>
/// Reports that may still be created or processing, one small row each (partition = workspace, row = report uuid),
/// so the maintenance sweep reads only these instead of scanning every report ever made. A row is written before
/// its report and removed once the report is finished, failed or deleted; a row left behind by a crash points at a
/// report that is no longer active (or was never written), and the sweep removes it.
/// </summary>
public sealed class ActiveReportIndex(TableStorage storage)
{
    public async Task AddAsync(string workspace, string reportUuid, DateTimeOffset createdAt, CancellationToken ct)
    {
        var table = await storage.GetTableAsync(TableStorage.ActiveReports);
        await table.UpsertEntityAsync(new TableEntity(workspace, reportUuid) { ["CreatedAt"] = createdAt }, TableUpdateMode.Replace, ct);
    }

    /// <summary>Best effort: a row that stays is removed by the next sweep.</summary>
    public async Task RemoveAsync(string workspace, string reportUuid)
    {
        try
        {
            var table = await storage.GetTableAsync(TableStorage.ActiveReports);
            await table.DeleteEntityAsync(workspace, reportUuid, ETag.All, CancellationToken.None);
        }
        catch (RequestFailedException)
        {
        }
    }

    public async IAsyncEnumerable<(string WorkspaceUuid, string ReportUuid, DateTimeOffset CreatedAt)> ListAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var table = await storage.GetTableAsync(TableStorage.ActiveReports);
        await foreach (var row in table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey", "CreatedAt"], cancellationToken: ct))
        {
            yield return (row.PartitionKey, row.RowKey, row.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue);
        }
    }
}
