using Azure;
using Azure.Data.Tables;

namespace EvalReports.Storage;

/// <summary>
/// The ids of a workspace's finished eval runs, in <see cref="Shards"/> rows of one partition (partition = workspace,
/// row = shard), so that accepting a suite reads the whole set in one query whatever the suite's size.
/// Every change is a compare-and-swap on the shard's ETag, retried when another import or delete got there first.
/// <para>
/// It is a positive index with one invariant: a run listed here has its header row (or is being deleted right now).
/// A run not listed is looked up in the runs table itself, so the index may lag (a crash between an import's header
/// write and its index write, runs imported before the index existed, a full shard) without ever being wrong.
/// How imports and deletes keep the invariant under races is described on <see cref="EvalRunStore"/>.
/// </para>
/// </summary>
public sealed class FinishedRunIndex(TableStorage storage)
{
    /// <summary>
    /// Eight rows: few enough that a POST reads 8 entities (a partition serves ~2,000 entities/s, so ~250 suite
    /// checks/s per workspace), enough that concurrent imports of one workspace rarely collide on one ETag, and
    /// 8 × 448,000 characters hold ~96,000 uuid-shaped run ids before a shard is full.
    /// </summary>
    public const int Shards = 8;

    private const string IdsColumn = "Ids";
    private const int MaxAttempts = 50;
    private const char Separator = '\n';

    /// <summary>Test seam: awaited after a shard was read and just before the conditional write of a change.</summary>
    internal Func<IndexChange, Task>? BeforeWrite { get; set; }

    /// <summary>The finished run ids the workspace's index lists (one query over its partition).</summary>
    public async Task<HashSet<string>> ReadAsync(string workspace, CancellationToken ct = default)
    {
        var table = await storage.GetTableAsync(TableStorage.FinishedRuns);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var shard in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {workspace}"), cancellationToken: ct))
        {
            AddIds(ids, TextColumns.Read(shard, IdsColumn));
        }

        return ids;
    }

    public Task AddAsync(string workspace, string runUuid, CancellationToken ct = default) =>
        ChangeAsync(new IndexChange(workspace, runUuid, Add: true), ct);

    public Task RemoveAsync(string workspace, string runUuid, CancellationToken ct = default) =>
        ChangeAsync(new IndexChange(workspace, runUuid, Add: false), ct);

    /// <summary>A stable shard (FNV-1a of the id): the same id always lands in the same row, on every instance.</summary>
    public static int ShardOf(string runUuid)
    {
        var hash = 2166136261u;
        foreach (var c in runUuid)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % Shards);
    }

    private async Task ChangeAsync(IndexChange change, CancellationToken ct)
    {
        var table = await storage.GetTableAsync(TableStorage.FinishedRuns);
        var row = ShardOf(change.RunUuid).ToString("D2");
        for (var attempt = 1; ; attempt++)
        {
            var existing = await table.GetEntityIfExistsAsync<TableEntity>(change.WorkspaceUuid, row, cancellationToken: ct);
            var shard = existing.HasValue ? existing.Value! : null;
            var ids = new HashSet<string>(StringComparer.Ordinal);
            AddIds(ids, shard is null ? null : TextColumns.Read(shard, IdsColumn));
            if (change.Add ? ids.Contains(change.RunUuid) || !Fits(ids, change.RunUuid) : !ids.Contains(change.RunUuid))
            {
                return; // nothing to change; a run that does not fit is left to the runs-table lookup
            }

            if (change.Add)
            {
                ids.Add(change.RunUuid);
            }
            else
            {
                ids.Remove(change.RunUuid);
            }

            var updated = new TableEntity(change.WorkspaceUuid, row);
            if (ids.Count > 0)
            {
                TextColumns.Write(updated, IdsColumn, string.Join(Separator, ids));
            }

            if (BeforeWrite is { } gate)
            {
                await gate(change);
            }

            try
            {
                if (shard is null)
                {
                    await table.AddEntityAsync(updated, ct);
                }
                else if (ids.Count == 0)
                {
                    // An empty shard leaves no row behind (deleting a workspace's last run leaves nothing of it).
                    await table.DeleteEntityAsync(change.WorkspaceUuid, row, shard.ETag, ct);
                }
                else
                {
                    await table.UpdateEntityAsync(updated, shard.ETag, TableUpdateMode.Replace, ct);
                }

                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 or 404 && attempt < MaxAttempts)
            {
                // Another change of this shard won: read it again and re-apply ours.
                await Task.Delay(Random.Shared.Next(1, 5 + Math.Min(attempt, 20) * 2), ct);
            }
        }
    }

    /// <summary>Whether the shard still holds one more id within the columns of one entity.</summary>
    private static bool Fits(HashSet<string> ids, string runUuid)
    {
        long chars = runUuid.Length;
        foreach (var id in ids)
        {
            chars += id.Length + 1;
        }

        return chars <= (long)TextColumns.MaxChunksPerEntity * TextColumns.ChunkChars;
    }

    private static void AddIds(HashSet<string> ids, string? joined)
    {
        if (string.IsNullOrEmpty(joined))
        {
            return;
        }

        foreach (var id in joined.Split(Separator))
        {
            ids.Add(id);
        }
    }
}

/// <summary>One change of the index: add or remove a run id.</summary>
public sealed record IndexChange(string WorkspaceUuid, string RunUuid, bool Add);
