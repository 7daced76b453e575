using Azure.Data.Tables;

namespace EvalReports.Storage;

/// <summary>Offset paging over a range of row keys, reading keys only and never more of them than the offset.</summary>
public static class TablePages
{
    private const int MaxPage = 1000;

    /// <summary>The row key at position <paramref name="offset"/> (0-based) of the rows <paramref name="filter"/> matches; null past the end.</summary>
    public static async Task<string?> NthKeyAsync(TableClient table, string filter, int offset, CancellationToken ct)
    {
        var remaining = offset + 1;
        string? continuation = null;
        do
        {
            // Ask for no more than is still needed, so the page that holds the key does not read past it.
            var size = Math.Min(MaxPage, remaining);
            Azure.Page<TableEntity>? page = null;
            await foreach (var first in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: ct).AsPages(continuation, size))
            {
                page = first;
                break;
            }

            if (page is null)
            {
                return null;
            }

            if (page.Values.Count >= remaining)
            {
                return page.Values[remaining - 1].RowKey;
            }

            remaining -= page.Values.Count;
            continuation = page.ContinuationToken;
        }
        while (continuation is not null);

        return null;
    }
}
