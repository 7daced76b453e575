namespace EvalReports.Summaries.Llm;

/// <summary>
/// How the LLM summarizer calls its model: constants, not app settings, registered in DI with these values (tests
/// pass smaller budgets and shorter delays). Retries, timeout and circuit breaker are applied by <see cref="ModelHttp"/>.
/// </summary>
public sealed record LlmOptions
{
    /// <summary>Longest one HTTP call may take: 60 s, twice a slow 2,000-token answer, and 3 attempts fit the 5-minute <see cref="RunDeadline"/>.</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Retries of one call after a 408/429/5xx, a network error or a timeout: 2 rides out a blip and bounds a run at 54 HTTP requests (docs/llm.md).</summary>
    public int MaxRetries { get; init; } = 2;

    /// <summary>Tokens one call may use, prompt and answer together: 32,000 fits every current chat model, and two fit a minute of infra's default deployment.</summary>
    public int ContextTokens { get; init; } = 32_000;

    /// <summary>Model calls in flight at once in this worker, over all runs: 4, what infra's default deployment (100K tokens a minute) sustains.</summary>
    public int Concurrency { get; init; } = 4;

    /// <summary>Most "map" calls for one run too large for a single call: 8 reads ~250,000 tokens of a run and bounds its cost at 18 chat requests.</summary>
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
}
