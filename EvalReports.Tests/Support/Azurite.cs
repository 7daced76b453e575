using Azure.Data.Tables;
using EvalReports.Storage;

namespace EvalReports.Tests.Support;

/// <summary>
/// Real Table Storage on Azurite (started by scripts/test.sh). Each test class gets tables with a prefix of its own,
/// deleted afterwards, so tests never see each other's rows.
/// </summary>
public sealed class Azurite : IAsyncLifetime
{
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("EVALREPORTS_TEST_TABLES_CONNECTION_STRING") ?? "UseDevelopmentStorage=true";

    public string Prefix { get; } = "t" + Guid.NewGuid().ToString("N")[..10];

    public TableServiceClient Service { get; } = new(ConnectionString);

    public TableStorage Storage => new(Service, Prefix);

    public EvalReportsSettings Settings(Func<EvalReportsSettings, EvalReportsSettings>? change = null)
    {
        var settings = new EvalReportsSettings
        {
            TablesConnectionString = ConnectionString,
            TablePrefix = Prefix,
            DevApiKey = TestKeys.DevKey,
            DevWorkspaceUuid = TestKeys.DevWorkspace,
        };
        return change is null ? settings : change(settings);
    }

    /// <summary>Every row of every table of this test class, as "table/partition/row" keys.</summary>
    public async Task<SortedSet<string>> SnapshotAsync()
    {
        var rows = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var table in Service.QueryAsync(t => t.Name.CompareTo(Prefix) >= 0 && t.Name.CompareTo(Prefix + "~") < 0))
        {
            await foreach (var entity in Service.GetTableClient(table.Name).QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
            {
                rows.Add($"{table.Name}/{entity.PartitionKey}/{entity.RowKey}");
            }
        }

        return rows;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await foreach (var table in Service.QueryAsync(t => t.Name.CompareTo(Prefix) >= 0 && t.Name.CompareTo(Prefix + "~") < 0))
        {
            await Service.DeleteTableAsync(table.Name);
        }
    }
}
