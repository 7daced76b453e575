using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace EvalReports.Summaries.Llm;

/// <summary>
/// The model's <see cref="HttpClient"/>: one Microsoft.Extensions.Http.Resilience (Polly v8) pipeline around every
/// HTTP request to the model, shared by all runs of this worker. From the outside in:
/// <list type="bullet">
/// <item>retry: at most <see cref="LlmOptions.MaxRetries"/> retries, only on transient outcomes (408, 429, 5xx, network
/// errors, an attempt timing out), after the server's Retry-After / retry-after-ms or else an exponential backoff with
/// jitter; a Retry-After longer than <see cref="LlmOptions.MaxRetryAfter"/> is not waited for (the response goes back
/// and the run falls back to embedded);</item>
/// <item>circuit breaker: when every attempt of the last <see cref="CircuitSampling"/> failed transiently (at least
/// <see cref="LlmOptions.CircuitFailureThreshold"/> of them), requests fail at once for
/// <see cref="LlmOptions.CircuitOpenFor"/>. Errors retrying cannot fix (400 content filter, 401, 404) never count:
/// one tenant's data that the model refuses does not switch the model off for everyone;</item>
/// <item>attempt timeout: <see cref="LlmOptions.CallTimeout"/> per HTTP attempt.</item>
/// </list>
/// </summary>
public sealed class ModelHttp : IDisposable
{
    /// <summary>The window the breaker looks at: a minute holds a few runs' attempts at the default timeout.</summary>
    public static readonly TimeSpan CircuitSampling = TimeSpan.FromSeconds(60);

    private ModelHttp(HttpClient client, CircuitBreakerStateProvider circuit)
    {
        Client = client;
        Circuit = circuit;
    }

    public HttpClient Client { get; }

    public CircuitBreakerStateProvider Circuit { get; }

    public bool CircuitOpen => Circuit.CircuitState is CircuitState.Open or CircuitState.Isolated;

    /// <param name="inner">The handler under the pipeline (tests); a pooled <see cref="SocketsHttpHandler"/> when null.</param>
    public static ModelHttp Create(LlmOptions options, TimeProvider clock, HttpMessageHandler? inner = null)
    {
        var circuit = new CircuitBreakerStateProvider();
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = clock }
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(1, options.MaxRetries), // Polly needs at least 1; ShouldHandle stops at 0
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxBackoff,
                ShouldRetryAfterHeader = false, // read below, with the cap and the millisecond headers
                ShouldHandle = args => ValueTask.FromResult(
                    options.MaxRetries > 0 && IsTransient(args.Outcome) && !(RetryAfter(args.Outcome.Result, clock) > options.MaxRetryAfter)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, clock)),
            })
            .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                FailureRatio = 1.0,
                MinimumThroughput = Math.Max(2, options.CircuitFailureThreshold),
                SamplingDuration = CircuitSampling,
                BreakDuration = options.CircuitOpenFor,
                StateProvider = circuit,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
            })
            .AddTimeout(options.CallTimeout)
            .Build();

        var handler = new ResilienceHandler(pipeline)
        {
            InnerHandler = inner ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) },
        };
        // The pipeline's attempt timeout bounds each request; the run's deadline bounds the whole.
        return new ModelHttp(new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan }, circuit);
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) => HttpClientResiliencePredicates.IsTransient(outcome);

    /// <summary>retry-after-ms / x-ms-retry-after-ms (Azure OpenAI), else Retry-After in seconds or as a date.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider clock)
    {
        if (response is null) return null;
        foreach (var name in new[] { "retry-after-ms", "x-ms-retry-after-ms" })
        {
            if (response.Headers.TryGetValues(name, out var values) &&
                double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var millis) && millis >= 0)
            {
                return TimeSpan.FromMilliseconds(millis);
            }
        }

        return response.Headers.RetryAfter switch
        {
            RetryConditionHeaderValue { Delta: { } delta } => delta,
            RetryConditionHeaderValue { Date: { } date } => date > clock.GetUtcNow() ? date - clock.GetUtcNow() : TimeSpan.Zero,
            _ => null,
        };
    }

    public void Dispose() => Client.Dispose();
}
