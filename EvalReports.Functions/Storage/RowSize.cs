using Azure.Data.Tables;

namespace EvalReports.Storage;

/// <summary>
/// The size of an entity as Table Storage counts it against its 1 MiB limit: keys and string values in UTF-16
/// (2 bytes a character), 8 bytes of overhead per property, 8 for numbers, dates and booleans.
/// </summary>
public static class RowSize
{
    public const int MaxEntityBytes = 1024 * 1024;

    /// <summary>Kept free below the hard limit for the system properties and the service's own bookkeeping.</summary>
    private const int Headroom = 16 * 1024;

    public static long Of(TableEntity entity)
    {
        long bytes = 4 + (entity.PartitionKey.Length + entity.RowKey.Length) * 2L;
        foreach (var (name, value) in entity)
        {
            if (name is "PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")
            {
                continue;
            }

            bytes += 8 + name.Length * 2L + value switch
            {
                string s => 4 + s.Length * 2L,
                byte[] b => 4 + b.Length,
                _ => 8,
            };
        }

        return bytes;
    }

    /// <summary>Throws <see cref="RowTooLargeException"/> naming <paramref name="what"/> when the entity cannot be stored.</summary>
    public static void Require(TableEntity entity, string what)
    {
        var bytes = Of(entity);
        if (bytes > MaxEntityBytes - Headroom)
        {
            throw new RowTooLargeException(
                $"{what} takes {bytes:N0} bytes, more than the {MaxEntityBytes - Headroom:N0} a Table Storage row can hold.");
        }
    }
}
