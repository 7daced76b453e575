using EvalReports.Api;
using EvalReports.Auth;
using EvalReports.Idempotency;
using EvalReports.Quotas;
using EvalReports.Reports;
using EvalReports.Runs;
using EvalReports.Storage;
using EvalReports.Summaries;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EvalReports;

public static class ServiceRegistration
{
    /// <summary>Everything the functions need; tests call the same method with their own settings.</summary>
    public static IServiceCollection AddEvalReports(this IServiceCollection services, EvalReportsSettings settings)
    {
        DevApiKey.Validate(settings, Environment.GetEnvironmentVariable("WEBSITE_INSTANCE_ID"));
        services.AddSingleton(settings);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<TableStorage>();
        services.AddSingleton<FinishedRunIndex>();
        services.AddSingleton<EvalRunStore>();
        services.AddSingleton<ActiveReportIndex>();
        services.AddSingleton<ReportStore>();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<ApiKeyCache>();
        services.AddSingleton<ApiKeyAuthenticator>();
        services.AddSingleton<ApiKeyService>();
        services.AddSummarizers(settings);
        services.AddSingleton<QuotaStore>();
        services.AddSingleton<ReportQuota>();
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<IdempotentRequests>();
        services.AddSingleton<StuckReports>();
        services.AddSingleton<HistoryPurge>();
        services.AddSingleton<ReportService>();
        services.AddSingleton<EvalRunService>();
        services.AddSingleton<ReportActivities>();
        services.AddSingleton<Stats.BaselineComparisons>();
        services.AddSingleton<Exports.ReportExports>();
        services.AddSingleton<ShareKeyStore>();
        services.AddSingleton<Sharing.ShareLinks>();
        services.AddSingleton<HttpApi>();
        services.AddSingleton<ImportGate>();
        services.AddSingleton<Evals.EvalService>();
        return services;
    }

    public static IServiceCollection AddEvalReports(this IServiceCollection services, IConfiguration configuration) =>
        services.AddEvalReports(EvalReportsSettings.FromConfiguration(configuration));
}
