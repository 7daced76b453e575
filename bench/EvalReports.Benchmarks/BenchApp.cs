using Azure.Data.Tables;
using EvalReports.Functions;
using EvalReports.Reports;
using EvalReports.Summaries;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EvalReports.Benchmarks;

/// <summary>
/// The app as Program.cs wires it (real DI, real function adapters) over Azurite tables with a prefix of its own,
/// with a real Durable Task backend in-process running the app's orchestrator and activity adapters.
/// </summary>
public sealed class BenchApp : IAsyncDisposable
{
    public const string DevKey = "bench-dev-key-0123456789-abcdefghijklmnop";
    public const string Workspace = "bench-workspace";

    private BenchApp(ServiceProvider services, DurableTaskTestHost durable)
    {
        Services = services;
        Durable = durable;
    }

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("EVALREPORTS_BENCH_TABLES_CONNECTION_STRING") ?? "UseDevelopmentStorage=true";

    public ServiceProvider Services { get; }

    /// <summary>Warnings and errors only: per-request info logs of the in-process backend would be measured too.</summary>
    private static ILoggerFactory QuietLogs { get; } = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole());

    public DurableTaskTestHost Durable { get; }

    public DurableTaskClient Client => Durable.Client;

    public EvalReportsHttp Reports => Services.GetRequiredService<EvalReportsHttp>();

    public EvalRunsHttp Runs => Services.GetRequiredService<EvalRunsHttp>();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public static EvalReportsSettings Settings(string prefix) => new()
    {
        TablesConnectionString = ConnectionString,
        TablePrefix = prefix,
        DevApiKey = DevKey,
        DevWorkspaceUuid = Workspace,
    };

    /// <summary>
    /// The benchmark measures throughput, not fairness: it queues more reports in one workspace than the cap allows,
    /// and its scale scenario goes past the 100 runs of one report.
    /// </summary>
    public static EvalReportsLimits Limits { get; } = new() { MaxRunsPerReport = 1000, MaxActiveReports = 1_000_000 };

    /// <param name="buildReports">
    /// False registers an orchestrator that returns at once: scheduling stays real, but no report is built in the
    /// background (for measuring the POST alone).
    /// </param>
    public static async Task<BenchApp> StartAsync(string prefix, bool buildReports = true)
    {
        var services = new ServiceCollection().AddEvalReports(Settings(prefix), Limits);
        services.AddLogging();

        // The app's own storage client, with a policy that counts its requests (the last registration wins).
        var tableOptions = new TableClientOptions();
        tableOptions.Retry.MaxRetries = 3;
        tableOptions.AddPolicy(new StorageCalls(), Azure.Core.HttpPipelinePosition.PerRetry);
        services.AddSingleton(new Storage.TableStorage(new TableServiceClient(ConnectionString, tableOptions), prefix));
        services.AddSingleton<ISummarizer>(new Breakdown.TimedSummarizer(new EmbeddedSummarizer()));
        services.AddSingleton<EvalReportsHttp>().AddSingleton<EvalRunsHttp>().AddSingleton<SuiteReportFunctions>();
        var provider = services.BuildServiceProvider();
        var functions = provider.GetRequiredService<SuiteReportFunctions>();
        var durable = await DurableTaskTestHost.StartAsync(
            tasks => DurableTasks.Register(tasks, functions, new Timings(buildReports)),
            new DurableTaskTestHostOptions { LoggerFactory = QuietLogs, Port = FreeLoopbackPort() });
        return new BenchApp(provider, durable);
    }

    /// <summary>Counts orchestrator episodes and times the run-report activity; without <c>buildReports</c>, the suite orchestrator returns at once.</summary>
    private sealed class Timings(bool buildReports) : IDurableTaskHooks
    {
        public Task<T> RunOrchestratorAsync<T>(string name, Func<Task<T>> run) =>
            buildReports ? Episodes.Count(run)
            : name == TaskNames.BuildSuiteReport ? Task.FromResult((T)(object)"skipped")
            : run();

        public Task<T> RunActivityAsync<T>(string name, object input, Func<Task<T>> run) =>
            name == TaskNames.BuildRunReport ? Breakdown.TimeActivityAsync(run) : run();
    }

    // The test host's default is a random port in 30000-40000, unchecked; that range overlaps ephemeral client ports.
    private static int FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task<string> ImportAsync(byte[] body)
    {
        var request = HttpCalls.Request("POST", "/v2/eval-runs", DevKey, body);
        return HttpCalls.Expect(await Runs.Import(request), 201).Body;
    }

    /// <summary>POST /v2/eval-reports; returns the new report's uuid.</summary>
    public async Task<string> CreateReportAsync(byte[] body)
    {
        var request = HttpCalls.Request("POST", "/v2/eval-reports", DevKey, body);
        var (_, json) = HttpCalls.Expect(await Reports.Create(request, Client), 200);
        return System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("eval_suite_report_uuid").GetString()!;
    }

    public static byte[] ReportRequest(IEnumerable<string> runUuids) =>
        HttpCalls.Utf8(System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object> { ["eval_run_uuids"] = runUuids.ToArray() }));

    public static async Task DeleteTablesAsync(string prefix)
    {
        var service = new TableServiceClient(ConnectionString);
        await foreach (var table in service.QueryAsync(t => t.Name.CompareTo(prefix) >= 0 && t.Name.CompareTo(prefix + "~") < 0))
        {
            await service.DeleteTableAsync(table.Name);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Durable.DisposeAsync();
        await Services.DisposeAsync();
    }
}
