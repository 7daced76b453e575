using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using EvalReports.Contracts;

namespace EvalReports.Storage;

/// <summary>
/// Imported eval runs. The header row (partition = workspace, row = run uuid) is written last, so a run is visible
/// only once all of its prompts and responses are stored; those live in a partition of their own per import.
/// Beside each header, in the same partition and the same transaction: a list row keyed newest first
/// (<c>~list|inverted time|uuid</c>), one keyed by eval (<c>~eval|eval uuid|inverted time|uuid</c>), and the
/// counts of runs per workspace and per eval, so a page of a list is one range read however many runs there are.
/// <para>
/// Finished runs are also listed in the workspace's <see cref="FinishedRunIndex"/>, which keeps one invariant: a
/// listed run has its header. An import writes the header, then lists the run, then reads the header again and
/// unlists the run if it is gone. A delete unlists the run, deletes the header, then unlists it once more. Whatever
/// the interleaving, an import's listing lands either before the delete's last unlisting (which removes it) or after
/// the header is gone (which the import's re-read sees): a deleted run never stays listed. A crash between steps
/// leaves a run unlisted at worst, which only costs a point read when a suite names it.
/// </para>
/// </summary>
public sealed class EvalRunStore(TableStorage storage, FinishedRunIndex index)
{
    private const char PromptRow = 'p';
    private const char ResponseRow = 'r';
    private const int MaxPointReadsAtOnce = 32;
    private const string FinishedStatus = "finished";
    private static readonly string[] StatusColumns = ["Status"];

    public async Task<StoredEvalRun?> GetAsync(string workspace, string runUuid, CancellationToken ct = default)
    {
        var table = await storage.GetTableAsync(TableStorage.EvalRuns);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(workspace, runUuid, cancellationToken: ct);
        return response.HasValue ? FromEntity(response.Value!) : null;
    }

    /// <summary>
    /// The status of each named run (null where there is none). The workspace's finished-run index answers for every
    /// run it lists, in one query whatever the suite's size; only the runs it does not list (missing ones, or ones the
    /// index lags on) are point-read, status column only, a bounded number at once.
    /// </summary>
    public async Task<string?[]> GetStatusesAsync(string workspace, IReadOnlyList<string> runUuids, CancellationToken ct = default)
    {
        var finished = await index.ReadAsync(workspace, ct);
        var statuses = new string?[runUuids.Count];
        var unlisted = new List<int>();
        for (var i = 0; i < runUuids.Count; i++)
        {
            if (finished.Contains(runUuids[i]))
            {
                statuses[i] = FinishedStatus;
            }
            else
            {
                unlisted.Add(i);
            }
        }

        if (unlisted.Count == 0)
        {
            return statuses;
        }

        var table = await storage.GetTableAsync(TableStorage.EvalRuns);
        await Parallel.ForEachAsync(
            unlisted,
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
        var header = ToEntity(run, itemsPartition, prompts.Count, responses.Count);
        RowSize.Require(header, "The eval run"); // before any item is written
        try
        {
            await TableBatches.SubmitAsync(items, ItemActions(itemsPartition, prompts, responses), ct);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await runs.SubmitTransactionAsync(await HeaderActionsAsync(runs, header, run, +1, ct), ct);
                    break;
                }
                catch (TableTransactionFailedException e) when (e.Status is 409 or 412 && attempt < 200)
                {
                    if ((await runs.GetEntityIfExistsAsync<TableEntity>(run.WorkspaceUuid, run.EvalRunUuid, select: ["RowKey"], cancellationToken: ct)).HasValue)
                    {
                        await TableBatches.DeletePartitionAsync(items, itemsPartition, CancellationToken.None);
                        return false;
                    }

                    await Task.Delay(Random.Shared.Next(1, 5 + Math.Min(attempt, 20) * 2), ct); // lost a race on the counts
                }
            }
        }
        catch
        {
            await TryDeletePartitionAsync(items, itemsPartition);
            throw;
        }

        if (run.Status == FinishedStatus)
        {
            await TryListAsync(run.WorkspaceUuid, run.EvalRunUuid, runs);
        }

        return true;
    }

    /// <summary>
    /// Lists a just-imported run, then checks its header is still there (a delete may have run in between) and
    /// unlists it if not. Listing is best effort: the run is stored and visible already, and an unlisted run is still
    /// found by its point read, so a failed listing must not turn a successful import into an error the client would
    /// retry. The check runs even then (the write may have landed), and a failed unlisting of a deleted run is an error.
    /// </summary>
    private async Task TryListAsync(string workspace, string runUuid, TableClient runs)
    {
        try
        {
            await index.AddAsync(workspace, runUuid, CancellationToken.None);
        }
        catch (Exception e) when (e is RequestFailedException or AggregateException or IOException or TimeoutException)
        {
        }

        if (!(await runs.GetEntityIfExistsAsync<TableEntity>(workspace, runUuid, select: ["RowKey"])).HasValue)
        {
            await index.RemoveAsync(workspace, runUuid, CancellationToken.None);
        }
    }

    /// <summary>
    /// One page, newest first, of the workspace's runs (or one eval's): a range read of the list rows, after skipping
    /// <paramref name="offset"/> row keys. Items leave out the evaluation (up to 200,000 characters each); GET a run for it.
    /// </summary>
    public async Task<PagedList<EvalRunResult>> ListAsync(
        string workspace, string? evalUuid, int limit, int offset, CancellationToken ct = default)
    {
        var table = await storage.GetTableAsync(TableStorage.EvalRuns);
        var countRow = await table.GetEntityIfExistsAsync<TableEntity>(workspace, CountRowKey(evalUuid), cancellationToken: ct);
        var count = countRow.HasValue ? countRow.Value!.GetInt32("Runs") ?? 0 : 0;
        var prefix = ListPrefix(evalUuid);
        var end = prefix[..^1] + "}";
        var from = prefix;
        if (offset > 0)
        {
            var keys = TableClient.CreateQueryFilter($"PartitionKey eq {workspace} and RowKey ge {prefix} and RowKey lt {end}");
            if (await TablePages.NthKeyAsync(table, keys, offset, ct) is not { } start)
            {
                return new PagedList<EvalRunResult>([], count);
            }

            from = start;
        }

        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {workspace} and RowKey ge {from} and RowKey lt {end}");
        var page = new List<EvalRunResult>(Math.Min(limit, 1000));
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(limit, 1000), cancellationToken: ct))
        {
            page.Add(FromEntity(entity).Run);
            if (page.Count == limit)
            {
                break;
            }
        }

        return new PagedList<EvalRunResult>(page, count);
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
        var first = ItemBlocks.DocumentOf(offset);
        var end = ItemBlocks.DocumentOf(to - 1) + 1;
        var index = first * ItemBlocks.ItemsPerBlock;
        await foreach (var json in ItemRows.ReadAsync(table, run.ItemsPartition, ResponseRow, first, end, ct))
        {
            foreach (var response in ItemBlocks.Parse<ScoredResponse>(json))
            {
                if (index >= offset && index < to)
                {
                    yield return response;
                }

                index++;
            }
        }
    }

    /// <summary>A page of a run's prompts in import order, reading only the rows that hold it.</summary>
    public async IAsyncEnumerable<EvalPrompt> ReadPromptsAsync(
        StoredEvalRun run, int offset, int limit, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var to = (int)Math.Min((long)offset + limit, run.PromptCount);
        if (to <= offset)
        {
            yield break;
        }

        var table = await storage.GetTableAsync(TableStorage.EvalRunItems);
        var first = ItemBlocks.DocumentOf(offset);
        var end = ItemBlocks.DocumentOf(to - 1) + 1;
        var index = first * ItemBlocks.ItemsPerBlock;
        await foreach (var json in ItemRows.ReadAsync(table, run.ItemsPartition, PromptRow, first, end, ct))
        {
            foreach (var prompt in ItemBlocks.Parse<EvalPrompt>(json))
            {
                if (index >= offset && index < to)
                {
                    yield return prompt;
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
        var end = ItemBlocks.DocumentCount(count);
        await foreach (var json in ItemRows.ReadAsync(table, run.ItemsPartition, kind, 0, end, ct, StreamingRowsPerPage))
        {
            foreach (var item in ItemBlocks.Parse<T>(json))
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
        var end = ItemRows.RangeStart(ResponseRow, ItemBlocks.DocumentCount(run.ResponseCount));
        await foreach (var document in ItemRows.ReadRangeAsync(table, run.ItemsPartition, ItemRows.RangeStart(PromptRow, 0), end, ct))
        {
            if (document.Kind == PromptRow)
            {
                prompts.AddRange(ItemBlocks.Parse<EvalPrompt>(document.Json));
            }
            else if (document.Kind == ResponseRow)
            {
                responses.AddRange(ItemBlocks.Parse<ScoredResponse>(document.Json));
            }
        }

        return (prompts, responses);
    }

    /// <summary>Deletes the run; false when it did not exist.</summary>
    public async Task<bool> DeleteAsync(string workspace, string runUuid, CancellationToken ct = default)
    {
        // Unlisted first, so that from the moment the header is gone no suite check can find it listed; and even when
        // the run is gone already, since a delete that failed after the header may have left it listed.
        await index.RemoveAsync(workspace, runUuid, ct);
        var run = await GetAsync(workspace, runUuid, ct);
        if (run is null)
        {
            return false;
        }

        var runs = await storage.GetTableAsync(TableStorage.EvalRuns);
        for (var attempt = 1; ; attempt++)
        {
            var header = await runs.GetEntityIfExistsAsync<TableEntity>(workspace, runUuid, cancellationToken: ct);
            if (!header.HasValue)
            {
                return false;
            }

            try
            {
                await runs.SubmitTransactionAsync(await HeaderActionsAsync(runs, header.Value!, run.Run, -1, ct), ct);
                break;
            }
            catch (TableTransactionFailedException e) when (e.Status is 404 or 409 or 412 && attempt < 200)
            {
                await Task.Delay(Random.Shared.Next(1, 5 + Math.Min(attempt, 20) * 2), ct);
            }
        }

        // An import of the same id that listed it between the first unlisting and the header's delete.
        await index.RemoveAsync(workspace, runUuid, ct);

        var items = await storage.GetTableAsync(TableStorage.EvalRunItems);
        await TableBatches.DeletePartitionAsync(items, run.ItemsPartition, ct);
        return true;
    }

    private static string ListPrefix(string? evalUuid) => evalUuid is null ? "~list|" : $"~eval|{evalUuid}|";

    private static string CountRowKey(string? evalUuid) => evalUuid is null ? "~count" : $"~count|{evalUuid}";

    private static string ListRowKey(EvalRunResult run, string? evalUuid) =>
        $"{ListPrefix(evalUuid)}{DateTimeOffset.MaxValue.UtcTicks - run.CreatedAt.UtcTicks:D19}|{run.EvalRunUuid}";

    /// <summary>
    /// The one transaction that adds (<paramref name="delta"/> +1) or removes (-1) a run: its header (ETag-exact on
    /// delete), its two list rows and both counts (each a compare-and-swap on its ETag; a lost race fails it whole).
    /// </summary>
    private static async Task<List<TableTransactionAction>> HeaderActionsAsync(
        TableClient runs, TableEntity header, EvalRunResult run, int delta, CancellationToken ct)
    {
        var actions = new List<TableTransactionAction>();
        foreach (var evalUuid in new[] { null, run.EvalUuid })
        {
            var list = new TableEntity(header) { RowKey = ListRowKey(run, evalUuid), ["EvalRunUuid"] = run.EvalRunUuid };
            foreach (var column in TextColumns.ColumnNames("Evaluation"))
            {
                list.Remove(column);
            }

            actions.Add(delta > 0
                ? new TableTransactionAction(TableTransactionActionType.Add, list)
                : new TableTransactionAction(TableTransactionActionType.Delete, list, ETag.All));
            var current = await runs.GetEntityIfExistsAsync<TableEntity>(run.WorkspaceUuid, CountRowKey(evalUuid), cancellationToken: ct);
            var runsAfter = Math.Max(0, (current.HasValue ? current.Value!.GetInt32("Runs") ?? 0 : 0) + delta);
            var count = new TableEntity(run.WorkspaceUuid, CountRowKey(evalUuid)) { ["Runs"] = runsAfter };
            actions.Add(current.HasValue
                ? new TableTransactionAction(runsAfter == 0 ? TableTransactionActionType.Delete : TableTransactionActionType.UpdateReplace, count, current.Value!.ETag)
                : new TableTransactionAction(TableTransactionActionType.Add, count));
        }

        actions.Insert(0, delta > 0
            ? new TableTransactionAction(TableTransactionActionType.Add, header)
            : new TableTransactionAction(TableTransactionActionType.Delete, header, header.ETag));
        return actions;
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
            // Read only by older versions (which also read runs stored one item per row, ItemsPerRow 0): kept so
            // that an instance still on one during a deployment reads new runs right.
            ["ItemsPerRow"] = ItemBlocks.ItemsPerBlock,
        };
        TextColumns.Write(entity, "AiDescription", run.AiDescription);
        TextColumns.Write(entity, "Evaluation", run.Evaluation is null ? null : Json.Serialize(run.Evaluation));
        entity["IsSandbox"] = run.IsSandbox;
        entity["ContinueThread"] = run.ContinueThread;
        TextColumns.Write(entity, "EvalRunExamples", run.EvalRunExamples is null ? null : Json.Serialize(run.EvalRunExamples));
        return entity;
    }

    private static StoredEvalRun FromEntity(TableEntity entity)
    {
        var evaluation = TextColumns.Read(entity, "Evaluation");
        var examples = TextColumns.Read(entity, "EvalRunExamples");
        var run = new EvalRunResult
        {
            EvalRunUuid = entity.GetString("EvalRunUuid") ?? entity.RowKey,
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
            IsSandbox = entity.GetBoolean("IsSandbox"),
            ContinueThread = entity.GetBoolean("ContinueThread"),
            EvalRunExamples = examples is null ? null : Json.Deserialize<List<EvalRunExample>>(examples),
        };
        return new StoredEvalRun(
            run,
            entity.GetString("ItemsPartition"),
            entity.GetInt32("PromptCount") ?? 0,
            entity.GetInt32("ResponseCount") ?? 0);
    }
}
