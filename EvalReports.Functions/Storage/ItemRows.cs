using System.Text;
using Azure.Data.Tables;

namespace EvalReports.Storage;

/// <summary>
/// Lays out an ordered list of JSON documents (the blocks of a run's prompts or responses, see
/// <see cref="ItemBlocks"/>) as rows of one partition: row key <c>{kind}{index:D7}.{part:D3}</c>, so that a range of
/// indexes is a range of row keys and a document longer than one entity holds continues in the next part.
/// </summary>
public static class ItemRows
{
    private const int MaxCharsPerRow = TextColumns.ChunkChars * TextColumns.MaxChunksPerEntity;

    public static IEnumerable<TableEntity> ToRows(string partitionKey, char kind, int index, string json)
    {
        var start = 0;
        var part = 0;
        do
        {
            var length = Math.Min(MaxCharsPerRow, json.Length - start);
            if (start + length < json.Length && char.IsHighSurrogate(json[start + length - 1]))
            {
                length--;
            }

            var entity = new TableEntity(partitionKey, RowKey(kind, index, part));
            TextColumns.Write(entity, "Json", json.Substring(start, length));
            yield return entity;
            start += length;
            part++;
        }
        while (start < json.Length);
    }

    public static string RowKey(char kind, int index, int part) => $"{kind}{index:D7}.{part:D3}";

    public static string RangeStart(char kind, int index) => $"{kind}{index:D7}";

    /// <summary>Reads documents with indexes in [from, to) in order, joining their parts.</summary>
    public static async IAsyncEnumerable<string> ReadAsync(
        TableClient table, string partitionKey, char kind, int from, int to,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default, int maxPerPage = RowsPerPage)
    {
        if (to <= from)
        {
            yield break;
        }

        await foreach (var document in ReadRangeAsync(table, partitionKey, RangeStart(kind, from), RangeStart(kind, to), ct, maxPerPage))
        {
            yield return document.Json;
        }
    }

    /// <summary>
    /// Rows per query page. The SDK holds a whole page (its JSON and its entities) while the caller parses it, so the
    /// page size bounds how much of a run's stored text is in memory besides the parsed items: 32 rows of 100 items
    /// (~1.3 MB for typical responses, ~29 MB if every row were at its ~900 KB maximum) instead of the whole run
    /// (a 20,000-response run is 400 rows). A run of up to 3,200 items (P1's 500-response runs: 10 rows) is still one page.
    /// </summary>
    public const int RowsPerPage = 32;

    /// <summary>
    /// Reads every document whose row key lies in [fromKey, toKey), of any kind, in row-key order, in one query:
    /// a run's prompts and responses together cost one scan of the partition, not two.
    /// </summary>
    public static async IAsyncEnumerable<ItemDocument> ReadRangeAsync(
        TableClient table, string partitionKey, string fromKey, string toKey,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default, int maxPerPage = RowsPerPage)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partitionKey} and RowKey ge {fromKey} and RowKey lt {toKey}");
        string? currentKey = null;
        string? single = null;
        StringBuilder? builder = null;
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: maxPerPage, select: JsonColumns, cancellationToken: ct))
        {
            var key = entity.RowKey[..8];
            if (currentKey is not null && key != currentKey)
            {
                yield return new ItemDocument(currentKey[0], builder?.ToString() ?? single!);
                builder = null;
            }

            var text = TextColumns.Read(entity, "Json") ?? "";
            if (currentKey == key)
            {
                // A later part of a long document.
                builder ??= new StringBuilder(single);
                builder.Append(text);
            }
            else
            {
                single = text;
            }

            currentKey = key;
        }

        if (currentKey is not null)
        {
            yield return new ItemDocument(currentKey[0], builder?.ToString() ?? single!);
        }
    }

    /// <summary>The row key and the JSON columns: nothing else of an item row is ever read.</summary>
    private static readonly string[] JsonColumns = ["RowKey", .. TextColumns.ColumnNames("Json")];
}

/// <summary>One stored document: its kind (prompt or response row) and its JSON.</summary>
public readonly record struct ItemDocument(char Kind, string Json);
