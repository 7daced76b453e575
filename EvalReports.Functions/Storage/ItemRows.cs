using System.Text;
using Azure.Data.Tables;

namespace EvalReports.Storage;

/// <summary>
/// Lays out an ordered list of JSON documents (prompts or responses of a run) as rows of one partition:
/// row key <c>{kind}{index:D7}.{part:D3}</c>, so that a range of indexes is a range of row keys and a document
/// longer than one entity holds continues in the next part.
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
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        if (to <= from)
        {
            yield break;
        }

        var start = RangeStart(kind, from);
        var end = RangeStart(kind, to);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partitionKey} and RowKey ge {start} and RowKey lt {end}");
        string? currentIndex = null;
        var builder = new StringBuilder();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: ct))
        {
            var index = entity.RowKey[..8];
            if (currentIndex is not null && index != currentIndex)
            {
                yield return builder.ToString();
                builder.Clear();
            }

            currentIndex = index;
            builder.Append(TextColumns.Read(entity, "Json"));
        }

        if (currentIndex is not null)
        {
            yield return builder.ToString();
        }
    }
}
