using Azure.Data.Tables;

namespace EvalReports.Storage;

/// <summary>
/// Writes and deletes many entities of one partition in transactions of at most 100 entities and ~3.5 MB, a few
/// transactions at once. The actions are consumed lazily, so only the batches in flight are held in memory.
/// </summary>
public static class TableBatches
{
    private const int MaxActions = 100;
    private const long MaxBatchBytes = 3_500_000;

    /// <summary>Transactions in flight at once. Each holds disjoint rows, so their order does not matter.</summary>
    public const int MaxParallelTransactions = 4;

    public static async Task SubmitAsync(TableClient table, IEnumerable<TableTransactionAction> actions, CancellationToken ct)
    {
        var running = new List<Task>(MaxParallelTransactions);
        try
        {
            foreach (var batch in Batches(actions))
            {
                if (running.Count == MaxParallelTransactions)
                {
                    var finished = await Task.WhenAny(running);
                    running.Remove(finished);
                    await finished;
                }

                running.Add(table.SubmitTransactionAsync(batch, ct));
            }

            await Task.WhenAll(running);
        }
        catch
        {
            // Let every transaction still in flight land before the caller reacts (e.g. deletes the partition):
            // a write finishing after that clean-up would leave rows behind.
            await Task.WhenAll(running.Select(t => t.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default)));
            throw;
        }
    }

    /// <summary>
    /// Deletes every row of a partition. A row that someone else deletes between the query and the batch fails the
    /// whole (atomic) batch with 404; then the partition is read again and the rest deleted.
    /// </summary>
    public static async Task DeletePartitionAsync(TableClient table, string partitionKey, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}");
        for (var attempt = 1; ; attempt++)
        {
            var keys = new List<TableTransactionAction>();
            await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: ct))
            {
                keys.Add(new TableTransactionAction(TableTransactionActionType.Delete, entity, Azure.ETag.All));
            }

            try
            {
                await SubmitAsync(table, keys, ct);
                return;
            }
            catch (TableTransactionFailedException e) when (e.Status == 404 && attempt < 5)
            {
            }
        }
    }

    private static IEnumerable<List<TableTransactionAction>> Batches(IEnumerable<TableTransactionAction> actions)
    {
        var batch = new List<TableTransactionAction>(MaxActions);
        long batchBytes = 0;
        foreach (var action in actions)
        {
            var size = EstimateBytes(action.Entity);
            if (batch.Count > 0 && (batch.Count == MaxActions || batchBytes + size > MaxBatchBytes))
            {
                yield return batch;
                batch = new List<TableTransactionAction>(MaxActions);
                batchBytes = 0;
            }

            batch.Add(action);
            batchBytes += size;
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    private static long EstimateBytes(ITableEntity entity)
    {
        if (entity is not TableEntity table)
        {
            return 1024;
        }

        long bytes = 1024;
        foreach (var (key, value) in table)
        {
            bytes += key.Length * 2 + (value is string s ? s.Length * 2 : 16);
        }

        return bytes;
    }
}
