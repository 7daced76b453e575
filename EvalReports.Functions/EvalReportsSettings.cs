using Microsoft.Extensions.Configuration;

namespace EvalReports;

/// <summary>Every setting the app reads, by its app-setting name, with the defaults used when it is absent.</summary>
public sealed record EvalReportsSettings
{
    public string? TablesConnectionString { get; init; }
    public Uri? TablesServiceUri { get; init; }
    public string? ManagedIdentityClientId { get; init; }
    public string TablePrefix { get; init; } = "evalreports";
    public string? DevApiKey { get; init; }
    public string DevWorkspaceUuid { get; init; } = "00000000-0000-0000-0000-000000000001";
    public int MaxRunsPerReport { get; init; } = 100;
    public int ReportConcurrency { get; init; } = 8;
    public int MaxResponsesPerRun { get; init; } = 20_000;
    public long MaxRequestBodyBytes { get; init; } = 64L * 1024 * 1024;
    /// <summary>Most characters in one text field of an imported run (a response, an explanation, a prompt, …).</summary>
    public int MaxTextChars { get; init; } = 1_000_000;
    /// <summary>Report quota of a workspace that has none of its own; null = unlimited.</summary>
    public int? DefaultReportLimit { get; init; }
    public TimeSpan IdempotencyTtl { get; init; } = TimeSpan.FromHours(24);
    /// <summary>A report still created/processing this long after it was created is failed.</summary>
    public TimeSpan ReportDeadline { get; init; } = TimeSpan.FromMinutes(60);

    public static EvalReportsSettings FromConfiguration(IConfiguration config)
    {
        var defaults = new EvalReportsSettings();
        string? Text(string name) => string.IsNullOrWhiteSpace(config[name]) ? null : config[name]!.Trim();
        int Int(string name, int fallback, int min, int max) =>
            int.TryParse(Text(name), out var value) ? Math.Clamp(value, min, max) : fallback;

        var uri = Text("EVALREPORTS_TABLES_SERVICE_URI");
        return new EvalReportsSettings
        {
            TablesConnectionString = Text("EVALREPORTS_TABLES_CONNECTION_STRING"),
            TablesServiceUri = uri is null ? null : new Uri(uri),
            ManagedIdentityClientId = Text("EVALREPORTS_MANAGED_IDENTITY_CLIENT_ID"),
            TablePrefix = Text("EVALREPORTS_TABLE_PREFIX") ?? defaults.TablePrefix,
            DevApiKey = Text("EVALREPORTS_DEV_API_KEY"),
            DevWorkspaceUuid = Text("EVALREPORTS_DEV_WORKSPACE_UUID") ?? defaults.DevWorkspaceUuid,
            MaxRunsPerReport = Int("EVALREPORTS_MAX_RUNS_PER_REPORT", defaults.MaxRunsPerReport, 1, 1000),
            ReportConcurrency = Int("EVALREPORTS_REPORT_CONCURRENCY", defaults.ReportConcurrency, 1, 256),
            MaxResponsesPerRun = Int("EVALREPORTS_MAX_RESPONSES_PER_RUN", defaults.MaxResponsesPerRun, 1, 1_000_000),
            MaxRequestBodyBytes = Int("EVALREPORTS_MAX_REQUEST_BODY_MB", 64, 1, 1024) * 1024L * 1024,
            MaxTextChars = Int("EVALREPORTS_MAX_TEXT_CHARS", defaults.MaxTextChars, 1, 16_000_000),
            DefaultReportLimit = int.TryParse(Text("EVALREPORTS_DEFAULT_REPORT_LIMIT"), out var limit) ? Math.Max(0, limit) : null,
            IdempotencyTtl = TimeSpan.FromHours(Int("EVALREPORTS_IDEMPOTENCY_TTL_HOURS", 24, 1, 24 * 30)),
            ReportDeadline = TimeSpan.FromMinutes(Int("EVALREPORTS_REPORT_DEADLINE_MINUTES", 60, 1, 7 * 24 * 60)),
        };
    }
}
