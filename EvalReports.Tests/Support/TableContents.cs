using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;

namespace EvalReports.Tests.Support;

/// <summary>
/// A snapshot of every row of a test class's tables with a hash of its content (all properties but the
/// service-maintained Timestamp), so a test sees a changed value as well as an added or removed row.
/// </summary>
public static class TableContents
{
    public static async Task<SortedDictionary<string, string>> ContentSnapshotAsync(this Azurite azurite)
    {
        var rows = new SortedDictionary<string, string>(StringComparer.Ordinal);
        await foreach (var table in azurite.Service.QueryAsync(t => t.Name.CompareTo(azurite.Prefix) >= 0 && t.Name.CompareTo(azurite.Prefix + "~") < 0))
        {
            await foreach (var entity in azurite.Service.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                var content = string.Join("\n", entity
                    .Where(p => p.Key is not ("Timestamp" or "odata.etag"))
                    .OrderBy(p => p.Key, StringComparer.Ordinal)
                    .Select(p => $"{p.Key}={(p.Value is byte[] b ? Convert.ToBase64String(b) : Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture))}"));
                rows[$"{table.Name}/{entity.PartitionKey}/{entity.RowKey}"] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(content)))[..16];
            }
        }

        return rows;
    }
}
