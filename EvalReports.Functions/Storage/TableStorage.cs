using System.Collections.Concurrent;
using Azure.Data.Tables;
using Azure.Identity;

namespace EvalReports.Storage;

/// <summary>
/// The one place that decides how to reach Table Storage: a connection string when one is set (Azurite, local runs),
/// otherwise the service URI with a managed identity / developer credential. Tables are created on first use.
/// </summary>
public sealed class TableStorage
{
    public const string EvalRuns = "evalruns";
    public const string EvalRunItems = "evalrunitems";
    public const string Reports = "reports";
    public const string RunReports = "runreports";
    public const string ApiKeys = "apikeys";
    public const string IdempotencyKeys = "idempotency";
    public const string ActiveReports = "activereports";
    public const string FinishedRuns = "finishedruns";

    private readonly TableServiceClient service;
    private readonly string prefix;
    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> tables = new();

    public TableStorage(EvalReportsSettings settings)
        : this(CreateServiceClient(settings), settings.TablePrefix)
    {
    }

    public TableStorage(TableServiceClient service, string prefix)
    {
        this.service = service;
        this.prefix = prefix;
    }

    public static TableServiceClient CreateServiceClient(EvalReportsSettings settings)
    {
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 3;
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        if (settings.TablesConnectionString is { } connectionString)
        {
            return new TableServiceClient(connectionString, options);
        }

        if (settings.TablesServiceUri is { } uri)
        {
            var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions
            {
                ManagedIdentityClientId = settings.ManagedIdentityClientId,
            });
            return new TableServiceClient(uri, credential, options);
        }

        throw new InvalidOperationException(
            "Set EVALREPORTS_TABLES_CONNECTION_STRING (local/Azurite) or EVALREPORTS_TABLES_SERVICE_URI (Azure).");
    }

    public Task<TableClient> GetTableAsync(string name)
    {
        var lazy = tables.GetOrAdd(name, n => new Lazy<Task<TableClient>>(() => CreateAsync(n)));
        var task = lazy.Value;
        if (task.IsFaulted)
        {
            // Do not cache a failure (storage may have been down): the next call tries again.
            tables.TryRemove(new KeyValuePair<string, Lazy<Task<TableClient>>>(name, lazy));
        }

        return task;
    }

    private async Task<TableClient> CreateAsync(string name)
    {
        var client = service.GetTableClient(prefix + name);
        await client.CreateIfNotExistsAsync();
        return client;
    }
}
