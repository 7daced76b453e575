namespace EvalReports.Summaries.Llm;

/// <summary>
/// How the LLM summarizer calls its model. The first five come from app settings; the rest are fixed by design
/// (tests shorten the delays). Retries, timeout and circuit breaker are applied by <see cref="ModelHttp"/>.
/// </summary>
public sealed record LlmOptions
{
    /// <summary>Longest one HTTP call may take (EVALREPORTS_LLM_TIMEOUT_SECONDS).</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Retries of one call after a 408/429/5xx, a network error or a timeout (EVALREPORTS_LLM_MAX_RETRIES).</summary>
    public int MaxRetries { get; init; } = 2;

    /// <summary>Tokens one call may use, prompt and answer together (EVALREPORTS_LLM_CONTEXT_TOKENS).</summary>
    public int ContextTokens { get; init; } = 32_000;

    /// <summary>Model calls in flight at once in this worker, over all runs (EVALREPORTS_LLM_CONCURRENCY).</summary>
    public int Concurrency { get; init; } = 4;

    /// <summary>Most "map" calls for one run too large for a single call (EVALREPORTS_LLM_MAX_MAP_CALLS).</summary>
    public int MaxMapCalls { get; init; } = 8;

    /// <summary>Answer tokens allowed for the final call that writes the three fields.</summary>
    public int FinalOutputTokens { get; init; } = 2_000;

    /// <summary>Answer tokens allowed for one map call's notes.</summary>
    public int MapOutputTokens { get; init; } = 400;

    /// <summary>First backoff delay without a Retry-After; doubles on each retry, with jitter, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A Retry-After longer than this is not waited for: the run falls back to the embedded summarizer.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest the LLM path may take for one run, all calls and waits included, before falling back.</summary>
    public TimeSpan RunDeadline { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Fewest transiently failed HTTP attempts (all attempts of the last minute failing) that open the circuit: later
    /// runs skip the model for <see cref="CircuitOpenFor"/>. 6 = two chat requests' worth of attempts with the default retries.
    /// </summary>
    public int CircuitFailureThreshold { get; init; } = 6;

    public TimeSpan CircuitOpenFor { get; init; } = TimeSpan.FromMinutes(2);

    public static LlmOptions From(EvalReportsSettings settings) => new()
    {
        CallTimeout = TimeSpan.FromSeconds(settings.LlmTimeoutSeconds),
        MaxRetries = settings.LlmMaxRetries,
        ContextTokens = settings.LlmContextTokens,
        Concurrency = settings.LlmConcurrency,
        MaxMapCalls = settings.LlmMaxMapCalls,
    };
}
