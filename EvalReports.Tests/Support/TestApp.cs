using EvalReports.Functions;
using EvalReports.Summaries;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EvalReports.Tests.Support;

/// <summary>The app's real services (as Program.cs registers them) over Azurite, with the function classes on top.</summary>
public sealed class TestApp : IDisposable
{
    /// <param name="limits">The service's limits; <see cref="TestLimits.Default"/> when null.</param>
    public TestApp(EvalReportsSettings settings, ISummarizer? summarizer = null, ILoggerProvider? logs = null, TimeProvider? clock = null, EvalReportsLimits? limits = null)
    {
        var services = new ServiceCollection().AddEvalReports(settings, limits ?? TestLimits.Default);
        services.AddLogging(b => { if (logs is not null) { b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace); } });
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }

        if (summarizer is not null)
        {
            services.AddSingleton(summarizer);
        }

        services.AddSingleton<EvalReportsHttp>().AddSingleton<EvalRunsHttp>().AddSingleton<ApiKeysHttp>().AddSingleton<SuiteReportFunctions>()
            .AddSingleton<QuotasHttp>().AddSingleton<StuckReportsAndIdempotencyKeysTimer>()
            .AddSingleton<ExportHttp>().AddSingleton<GateHttp>().AddSingleton<ShareHttp>();
        Services = services.BuildServiceProvider();
    }

    public ServiceProvider Services { get; }

    public EvalReportsHttp Reports => Services.GetRequiredService<EvalReportsHttp>();

    public EvalRunsHttp Runs => Services.GetRequiredService<EvalRunsHttp>();

    public ApiKeysHttp Keys => Services.GetRequiredService<ApiKeysHttp>();

    public QuotasHttp Quotas => Services.GetRequiredService<QuotasHttp>();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public async Task<Response> ImportAsync(string body, string? apiKey = TestKeys.DevKey)
    {
        var request = HttpCall.Request("POST", "/v2/eval-runs", body, apiKey);
        return HttpCall.Read(request, await Runs.Import(request));
    }

    public void Dispose() => Services.Dispose();
}
