using EvalReports.Summaries.Llm;
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
    /// <summary>Also the worker's Kestrel limit (Api/WorkerLimits); docs/api.md has the memory arithmetic behind 32 MiB.</summary>
    public long MaxRequestBodyBytes { get; init; } = 32L * 1024 * 1024;
    /// <summary>Most characters in one text field of an imported run (a response, an explanation, a prompt, …).</summary>
    public int MaxTextChars { get; init; } = 1_000_000;
    /// <summary>
    /// Reports created or processing at once per workspace (429 beyond): bounds what one tenant can queue ahead of the
    /// others. A constant in production (not read from configuration); tests that queue more raise it.
    /// </summary>
    public int MaxActiveReports { get; init; } = 10;
    /// <summary>The same for sandbox reports, which take no quota unit but run the full summarizer.</summary>
    public int MaxActiveSandboxReports { get; init; } = 2;
    /// <summary>Report quota of a workspace that has none of its own; null = unlimited.</summary>
    public int? DefaultReportLimit { get; init; }
    public TimeSpan IdempotencyTtl { get; init; } = TimeSpan.FromHours(24);
    /// <summary>A report still processing this long after its processing started is failed.</summary>
    public TimeSpan ReportDeadline { get; init; } = TimeSpan.FromMinutes(60);
    public SummarizerKind Summarizer { get; init; } = SummarizerKind.Embedded;
    public Uri? AzureOpenAiEndpoint { get; init; }
    public string? AzureOpenAiDeployment { get; init; }
    public Uri? OpenAiBaseUrl { get; init; }
    public SecretText? OpenAiApiKey { get; init; }
    public string? OpenAiModel { get; init; }
    public int LlmTimeoutSeconds { get; init; } = 60;
    public int LlmMaxRetries { get; init; } = 2;
    public int LlmContextTokens { get; init; } = 32_000;
    public int LlmConcurrency { get; init; } = 4;
    public int LlmMaxMapCalls { get; init; } = 8;

    /// <summary>Azure OpenAI (endpoint + deployment, Entra ID) is configured; it wins over an OpenAI-compatible endpoint.</summary>
    public bool HasAzureOpenAi => AzureOpenAiEndpoint is not null && AzureOpenAiDeployment is not null;

    /// <summary>An OpenAI-compatible endpoint (base URL + model; the key is optional for local servers) is configured.</summary>
    public bool HasOpenAiCompatible => OpenAiBaseUrl is not null && OpenAiModel is not null;

    public static EvalReportsSettings FromConfiguration(IConfiguration config)
    {
        var defaults = new EvalReportsSettings();
        string? Text(string name) => string.IsNullOrWhiteSpace(config[name]) ? null : config[name]!.Trim();
        int Int(string name, int fallback, int min, int max) =>
            int.TryParse(Text(name), out var value) ? Math.Clamp(value, min, max) : fallback;

        var uri = Text("EVALREPORTS_TABLES_SERVICE_URI");
        var apiKey = Text("EVALREPORTS_OPENAI_API_KEY");
        var settings = new EvalReportsSettings
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
            // At most the Functions host's own 100 MiB limit (FUNCTIONS_REQUEST_BODY_SIZE_LIMIT): above it the host refuses first.
            MaxRequestBodyBytes = Int("EVALREPORTS_MAX_REQUEST_BODY_MB", 32, 1, 100) * 1024L * 1024,
            MaxTextChars = Int("EVALREPORTS_MAX_TEXT_CHARS", defaults.MaxTextChars, 1, 16_000_000),
            DefaultReportLimit = int.TryParse(Text("EVALREPORTS_DEFAULT_REPORT_LIMIT"), out var limit) ? Math.Max(0, limit) : null,
            IdempotencyTtl = TimeSpan.FromHours(Int("EVALREPORTS_IDEMPOTENCY_TTL_HOURS", 24, 1, 24 * 30)),
            ReportDeadline = TimeSpan.FromMinutes(Int("EVALREPORTS_REPORT_DEADLINE_MINUTES", 60, 1, 7 * 24 * 60)),
            Summarizer = SummarizerKindOf(Text("EVALREPORTS_SUMMARIZER")),
            AzureOpenAiEndpoint = AbsoluteUri("EVALREPORTS_AZURE_OPENAI_ENDPOINT", Text("EVALREPORTS_AZURE_OPENAI_ENDPOINT"), httpsOnly: true),
            AzureOpenAiDeployment = Text("EVALREPORTS_AZURE_OPENAI_DEPLOYMENT"),
            OpenAiBaseUrl = HttpsUnlessLoopback("EVALREPORTS_OPENAI_BASE_URL", AbsoluteUri("EVALREPORTS_OPENAI_BASE_URL", Text("EVALREPORTS_OPENAI_BASE_URL"))),
            OpenAiApiKey = apiKey is null ? null : new SecretText(apiKey),
            OpenAiModel = Text("EVALREPORTS_OPENAI_MODEL"),
            LlmTimeoutSeconds = Int("EVALREPORTS_LLM_TIMEOUT_SECONDS", defaults.LlmTimeoutSeconds, 5, 600),
            LlmMaxRetries = Int("EVALREPORTS_LLM_MAX_RETRIES", defaults.LlmMaxRetries, 0, 5),
            LlmContextTokens = Int("EVALREPORTS_LLM_CONTEXT_TOKENS", defaults.LlmContextTokens, 4_000, 1_000_000),
            LlmConcurrency = Int("EVALREPORTS_LLM_CONCURRENCY", defaults.LlmConcurrency, 1, 64),
            LlmMaxMapCalls = Int("EVALREPORTS_LLM_MAX_MAP_CALLS", defaults.LlmMaxMapCalls, 1, 64),
        };

        // Asking for the LLM summarizer without saying which model is a deployment mistake: fail at startup, loudly,
        // rather than quietly writing every report with the embedded summarizer.
        if (settings.Summarizer == SummarizerKind.Llm && !settings.HasAzureOpenAi && !settings.HasOpenAiCompatible)
        {
            throw new InvalidOperationException(
                "EVALREPORTS_SUMMARIZER is \"llm\" but no model is configured: set EVALREPORTS_AZURE_OPENAI_ENDPOINT and " +
                "EVALREPORTS_AZURE_OPENAI_DEPLOYMENT, or EVALREPORTS_OPENAI_BASE_URL and EVALREPORTS_OPENAI_MODEL (and " +
                "EVALREPORTS_OPENAI_API_KEY if the endpoint needs one), or set EVALREPORTS_SUMMARIZER to \"embedded\".");
        }

        return settings;
    }

    private static SummarizerKind SummarizerKindOf(string? value) => value?.ToLowerInvariant() switch
    {
        null or "embedded" => SummarizerKind.Embedded,
        "llm" => SummarizerKind.Llm,
        _ => throw new InvalidOperationException($"EVALREPORTS_SUMMARIZER must be \"embedded\" or \"llm\", not \"{value}\"."),
    };

    /// <param name="httpsOnly">Bearer tokens (Entra ID) are only ever sent over TLS.</param>
    /// <summary>The key and every eval's data go to this URL: plain http only to a server on this machine.</summary>
    private static Uri? HttpsUnlessLoopback(string name, Uri? uri) =>
        uri is null || uri.Scheme == Uri.UriSchemeHttps || uri.IsLoopback
            ? uri
            : throw new InvalidOperationException($"{name} must be an https URL (plain http is allowed only for localhost / 127.0.0.1 / [::1]), not \"{uri.GetLeftPart(UriPartial.Authority)}\".");

    private static Uri? AbsoluteUri(string name, string? value, bool httpsOnly = false)
    {
        if (value is null) return null;
        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || (!httpsOnly && uri.Scheme == Uri.UriSchemeHttp))
            ? uri
            : throw new InvalidOperationException(httpsOnly ? $"{name} must be an absolute https URL." : $"{name} must be an absolute http(s) URL.");
    }
}
