using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace EvalReports;

/// <summary>
/// App settings the app no longer reads (they are constants now). One still set to its old default is harmless and
/// ignored (an old local.settings.json); one set to anything else would be silently ignored, so it stops the app.
/// </summary>
public sealed class RetiredSettings(IConfiguration configuration) : IValidateOptions<EvalReportsSettings>
{
    /// <summary>Each retired name, its old default (the value that keeps working) and where the value is now fixed.</summary>
    private static readonly (string Name, string OldDefault, string Now)[] Retired =
    [
        ("EVALREPORTS_MAX_RUNS_PER_REPORT", "100", "EvalReportsLimits.MaxRunsPerReport"),
        ("EVALREPORTS_REPORT_CONCURRENCY", "8", "EvalReportsLimits.ReportConcurrency"),
        ("EVALREPORTS_MAX_RESPONSES_PER_RUN", "20000", "EvalReportsLimits.MaxResponsesPerRun"),
        ("EVALREPORTS_MAX_REQUEST_BODY_MB", "32", "EvalReportsLimits.MaxRequestBodyBytes"),
        ("EVALREPORTS_MAX_TEXT_CHARS", "1000000", "EvalReportsLimits.MaxTextChars"),
        ("EVALREPORTS_IDEMPOTENCY_TTL_HOURS", "24", "EvalReportsLimits.IdempotencyTtl"),
        ("EVALREPORTS_REPORT_DEADLINE_MINUTES", "60", "EvalReportsLimits.ReportDeadline"),
        ("EVALREPORTS_MAINTENANCE_SCHEDULE", "0 */5 * * * *", "StuckReportsAndIdempotencyKeysTimer.Schedule"),
        ("EVALREPORTS_LLM_TIMEOUT_SECONDS", "60", "LlmOptions.CallTimeout"),
        ("EVALREPORTS_LLM_MAX_RETRIES", "2", "LlmOptions.MaxRetries"),
        ("EVALREPORTS_LLM_CONTEXT_TOKENS", "32000", "LlmOptions.ContextTokens"),
        ("EVALREPORTS_LLM_CONCURRENCY", "4", "LlmOptions.Concurrency"),
        ("EVALREPORTS_LLM_MAX_MAP_CALLS", "8", "LlmOptions.MaxMapCalls"),
    ];

    public ValidateOptionsResult Validate(string? name, EvalReportsSettings options)
    {
        var problems = Retired
            .Where(r => configuration[r.Name] is { } value && !string.IsNullOrWhiteSpace(value) && value.Trim() != r.OldDefault)
            .Select(r => $"{r.Name} is no longer a setting: the app would ignore \"{configuration[r.Name]!.Trim()}\" and use {r.OldDefault} ({r.Now}); remove the setting.")
            .ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
