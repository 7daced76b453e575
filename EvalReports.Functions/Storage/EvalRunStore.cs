using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using EvalReports.Contracts;

namespace EvalReports.Storage;

/// <summary>
/// Imported eval runs. The header row (partition = workspace, row = run uuid) is written last, so a run is visible
/// only once all of its prompts and responses are stored; those live in a partition of their own per import.
/// </summary>
public sealed class EvalRunStore(TableStorage storage)
{
    private const char PromptRow = 'p';
    private const char ResponseRow = 'r';
    private const int MaxPointReadsAtOnce = 32;
    private static readonly string[] StatusColumns = ["Status"];

    public async Task<StoredEvalRun?> GetAsync(string workspace, string runUuid, CancellationToken ct = default)
    {
        var table = await storage.GetTableAsync(TableStorage.EvalRuns);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(workspace, runUuid, cancellationToken: ct);
        return response.HasValue ? FromEntity(response.Value!) : null;
    }

    /// <summary>
    /// The status of each named run (null where there is none), reading only that column, a bounded number of point
    /// reads at once: enough to check a large suite quickly without opening a connection per run.
    /// </summary>
    public async Task<string?[]> GetStatusesAsync(string workspace, IReadOnlyList<string> runUuids, CancellationToken ct = default)
    {
        var table = await storage.GetTableAsync(TableStorage.EvalRuns);
        var statuses = new string?[runUuids.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, runUuids.Count),
            new ParallelOptions { MaxDegreeOfParallelism = MaxPointReadsAtOnce, CancellationToken = ct },
            async (i, token) =>
            {
                var response = await table.GetEntityIfExistsAsync<TableEntity>(workspace, runUuids[i], select: StatusColumns, cancellationToken: token);
                statuses[i] = response.HasValue ? response.Value!.GetString("Status") ?? "" : null;
            });
        return statuses;
    }

    /// <summary>Stores a new run; false when a run with that uuid already exists in the workspace.</summary>
    public async Task<bool> CreateAsync(
        EvalRunResult run, IReadOnlyList<EvalPrompt> prompts, IReadOnlyList<ScoredResponse> responses, CancellationToken ct = default)
    {
        var runs = await storage.GetTableAsync(TableStorage.EvalRuns);
        if ((await runs.GetEntityIfExistsAsync<TableEntity>(run.WorkspaceUuid, run.EvalRunUuid, select: ["RowKey"], cancellationToken: ct)).HasValue)
        {
            return false;
        }

        var items = await storage.GetTableAsync(TableStorage.EvalRunItems);
        var itemsPartition = $"{run.WorkspaceUuid}|{run.EvalRunUuid}|{Guid.NewGuid():N}";
        try
        {
            await TableBatches.SubmitAsync(items, ItemActions(itemsPartition, prompts, responses), ct);
            await runs.AddEntityAsync(ToEntity(run, itemsPartition, prompts.Count, responses.Count), ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            await TableBatches.DeletePartitionAsync(items, itemsPartition, CancellationToken.None);
            return false;
        }
        catch
        {
            await TryDeletePartitionAsync(items, itemsPartition);
            throw;
        }
    }

    public async Task<PagedList<EvalRunResult>> ListAsync(
        string workspace, string? evalUuid, int limit, int offset, CancellationToken ct = default)
    {
        var table = await storage.GetTableAsync(TableStorage.EvalRuns);
        var filter = evalUuid is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {workspace}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {workspace} and EvalUuid eq {evalUuid}");
        var all = new List<StoredEvalRun>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            all.Add(FromEntity(entity));
        }

        var page = all
            .OrderByDescending(r => r.Run.CreatedAt)
            .ThenBy(r => r.Run.EvalRunUuid, StringComparer.Ordinal)
            .Skip(offset)
            .Take(limit)
            .Select(r => r.Run)
            .ToList();
        return new PagedList<EvalRunResult>(page, all.Count);
    }

    public async IAsyncEnumerable<ScoredResponse> ReadResponsesAsync(
        StoredEvalRun run, int offset = 0, int limit = int.MaxValue, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var to = (int)Math.Min((long)offset + limit, run.ResponseCount);
        if (to <= offset)
        {
            yield break;
        }

        var table = await storage.GetTableAsync(TableStorage.EvalRunItems);
        var first = ItemBlocks.DocumentOf(offset, run.ItemsPerRow);
        var end = ItemBlocks.DocumentOf(to - 1, run.ItemsPerRow) + 1;
        var index = run.ItemsPerRow == 0 ? first : first * run.ItemsPerRow;
        await foreach (var json in ItemRows.ReadAsync(table, run.ItemsPartition, ResponseRow, first, end, ct))
        {
            foreach (var response in ItemBlocks.Parse<ScoredResponse>(json, run.ItemsPerRow))
            {
                if (index >= offset && index < to)
                {
                    yield return response;
                }

                index++;
            }
        }
    }

    /// <summary>Exports page through a run this many stored rows at a time, so what is held at once does not grow with the run.</summary>
    private const int StreamingRowsPerPage = 20;

    /// <summary>The run's prompts in import order, a few stored blocks at a time (for exports that must not hold them all).</summary>
    public IAsyncEnumerable<EvalPrompt> StreamPromptsAsync(StoredEvalRun run, CancellationToken ct = default) =>
        StreamItemsAsync<EvalPrompt>(run, PromptRow, run.PromptCount, ct);

    /// <summary>The run's responses in import order, a few stored blocks at a time.</summary>
    public IAsyncEnumerable<ScoredResponse> StreamResponsesAsync(StoredEvalRun run, CancellationToken ct = default) =>
        StreamItemsAsync<ScoredResponse>(run, ResponseRow, run.ResponseCount, ct);

    private async IAsyncEnumerable<T> StreamItemsAsync<T>(StoredEvalRun run, char kind, int count, [EnumeratorCancellation] CancellationToken ct)
    {
        var table = await storage.GetTableAsync(TableStorage.EvalRunItems);
        var end = ItemBlocks.DocumentCount(count, run.ItemsPerRow);
        await foreach (var json in ItemRows.ReadAsync(table, run.ItemsPartition, kind, 0, end, ct, StreamingRowsPerPage))
        {
            foreach (var item in ItemBlocks.Parse<T>(json, run.ItemsPerRow))
            {
                yield return item;
            }
        }
    }

    /// <summary>All of a run's prompts and responses, read together in one pass over its partition.</summary>
    public async Task<(IReadOnlyList<EvalPrompt> Prompts, IReadOnlyList<ScoredResponse> Responses)> ReadItemsAsync(
        StoredEvalRun run, CancellationToken ct = default)
    {
        var table = await storage.GetTableAsync(TableStorage.EvalRunItems);
        var prompts = new List<EvalPrompt>(run.PromptCount);
        var responses = new List<ScoredResponse>(run.ResponseCount);
        var end = ItemRows.RangeStart(ResponseRow, ItemBlocks.DocumentCount(run.ResponseCount, run.ItemsPerRow));
        await foreach (var document in ItemRows.ReadRangeAsync(table, run.ItemsPartition, ItemRows.RangeStart(PromptRow, 0), end, ct))
        {
            if (document.Kind == PromptRow)
            {
                prompts.AddRange(ItemBlocks.Parse<EvalPrompt>(document.Json, run.ItemsPerRow));
            }
            else if (document.Kind == ResponseRow)
            {
                responses.AddRange(ItemBlocks.Parse<ScoredResponse>(document.Json, run.ItemsPerRow));
            }
        }

        return (prompts, responses);
    }

    /// <summary>Deletes the run; false when it did not exist.</summary>
    public async Task<bool> DeleteAsync(string workspace, string runUuid, CancellationToken ct = default)
    {
        var run = await GetAsync(workspace, runUuid, ct);
        if (run is null)
        {
            return false;
        }

        var runs = await storage.GetTableAsync(TableStorage.EvalRuns);
        var response = await runs.DeleteEntityAsync(workspace, runUuid, ETag.All, ct);
        if (response.Status == 404)
        {
            return false;
        }

        var items = await storage.GetTableAsync(TableStorage.EvalRunItems);
        await TableBatches.DeletePartitionAsync(items, run.ItemsPartition, ct);
        return true;
    }

    private static IEnumerable<TableTransactionAction> ItemActions(
        string partition, IReadOnlyList<EvalPrompt> prompts, IReadOnlyList<ScoredResponse> responses) =>
        ItemBlocks.ToRows(partition, PromptRow, prompts)
            .Concat(ItemBlocks.ToRows(partition, ResponseRow, responses))
            .Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row));

    private static async Task TryDeletePartitionAsync(TableClient items, string partition)
    {
        try
        {
            await TableBatches.DeletePartitionAsync(items, partition, CancellationToken.None);
        }
        catch (RequestFailedException)
        {
            // Unreachable rows of an import that never became visible; nothing reads them.
        }
    }

    private static TableEntity ToEntity(EvalRunResult run, string itemsPartition, int promptCount, int responseCount)
    {
        var entity = new TableEntity(run.WorkspaceUuid, run.EvalRunUuid)
        {
            ["EvalUuid"] = run.EvalUuid,
            ["Name"] = run.Name,
            ["Status"] = run.Status,
            ["CreatedAt"] = run.CreatedAt,
            ["UpdatedAt"] = run.UpdatedAt,
            ["PassRate"] = run.PassRate,
            ["NumPrompts"] = run.NumPrompts,
            ["NumResponsesScored"] = run.NumResponsesScored,
            ["ItemsPartition"] = itemsPartition,
            ["PromptCount"] = promptCount,
            ["ResponseCount"] = responseCount,
            ["ItemsPerRow"] = ItemBlocks.ItemsPerBlock,
        };
        TextColumns.Write(entity, "AiDescription", run.AiDescription);
        TextColumns.Write(entity, "Evaluation", run.Evaluation is null ? null : Json.Serialize(run.Evaluation));
        return entity;
    }

    private static StoredEvalRun FromEntity(TableEntity entity)
    {
        var evaluation = TextColumns.Read(entity, "Evaluation");
        var run = new EvalRunResult
        {
            EvalRunUuid = entity.RowKey,
            EvalUuid = entity.GetString("EvalUuid"),
            Name = entity.GetString("Name"),
            Status = entity.GetString("Status"),
            CreatedAt = entity.GetDateTimeOffset("CreatedAt")!.Value,
            UpdatedAt = entity.GetDateTimeOffset("UpdatedAt")!.Value,
            AiDescription = TextColumns.Read(entity, "AiDescription"),
            Evaluation = evaluation is null ? null : Json.Deserialize<Eval>(evaluation),
            WorkspaceUuid = entity.PartitionKey,
            PassRate = entity.GetDouble("PassRate"),
            NumPrompts = entity.GetInt32("NumPrompts") ?? 0,
            NumResponsesScored = entity.GetInt32("NumResponsesScored") ?? 0,
        };
        return new StoredEvalRun(
            run,
            entity.GetString("ItemsPartition"),
            entity.GetInt32("PromptCount") ?? 0,
            entity.GetInt32("ResponseCount") ?? 0,
            entity.GetInt32("ItemsPerRow") ?? 0);
    }
}
