using Azure.Data.Tables;
using EvalReports.Contracts;

namespace EvalReports.Storage;

/// <summary>
/// Packs a run's prompts or responses into blocks of consecutive items, one JSON array per block, laid out by
/// <see cref="ItemRows"/> (block b is document b). A run of 500 responses is then 5 documents, not 500: Table Storage
/// bills, limits and (in Azurite) spends its time per entity, so fewer, larger rows import and read far faster.
/// </summary>
public static class ItemBlocks
{
    public const int ItemsPerBlock = 100;

    /// <summary>How many documents hold <paramref name="items"/> items.</summary>
    public static int DocumentCount(int items) => (items + ItemsPerBlock - 1) / ItemsPerBlock;

    /// <summary>The document holding item <paramref name="index"/>.</summary>
    public static int DocumentOf(int index) => index / ItemsPerBlock;

    public static IEnumerable<TableEntity> ToRows<T>(string partitionKey, char kind, IReadOnlyList<T> items)
    {
        for (var block = 0; block * ItemsPerBlock < items.Count; block++)
        {
            var first = block * ItemsPerBlock;
            var slice = new T[Math.Min(ItemsPerBlock, items.Count - first)];
            for (var i = 0; i < slice.Length; i++)
            {
                slice[i] = items[first + i];
            }

            foreach (var row in ItemRows.ToRows(partitionKey, kind, block, Json.Serialize(slice)))
            {
                yield return row;
            }
        }
    }

    /// <summary>The items of one stored document, in order.</summary>
    public static T[] Parse<T>(string json) => Json.Deserialize<T[]>(json)!;
}
