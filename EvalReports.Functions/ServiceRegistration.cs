using EvalReports.Api;
using EvalReports.Auth;
using EvalReports.Idempotency;
using EvalReports.Quotas;
using EvalReports.Reports;
using EvalReports.Runs;
using EvalReports.Storage;
using EvalReports.Summaries;
using EvalReports.Summaries.Llm;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EvalReports;

public static class ServiceRegistration
{
    /// <summary>
    /// Everything the functions need, with the settings bound from the host's configuration (app settings) and checked
    /// when the host starts: a bad value stops the app with a message naming the setting.
    /// </summary>
    public static IServiceCollection AddEvalReports(this IServiceCollection services)
    {
        services.AddOptions<EvalReportsSettings>().BindConfiguration("").ValidateOnStart();
        services.AddSingleton<IValidateOptions<EvalReportsSettings>>(Validator());
        services.AddSingleton<IValidateOptions<EvalReportsSettings>, RetiredSettings>();
        return services.AddServices(new EvalReportsLimits());
    }

    /// <summary>The same with settings built in code (tests, the benchmark), checked by the same validator now, and other limits.</summary>
    public static IServiceCollection AddEvalReports(this IServiceCollection services, EvalReportsSettings settings, EvalReportsLimits? limits = null)
    {
        Validator().ThrowIfInvalid(settings);
        services.AddSingleton(Options.Create(settings));
        return services.AddServices(limits ?? new EvalReportsLimits());
    }

    private static EvalReportsSettingsValidator Validator() => new(Environment.GetEnvironmentVariable("WEBSITE_INSTANCE_ID"));

    private static IServiceCollection AddServices(this IServiceCollection services, EvalReportsLimits limits)
    {
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<EvalReportsSettings>>().Value);
        services.AddSingleton(limits);
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
        services.AddSummarizers();
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
}
