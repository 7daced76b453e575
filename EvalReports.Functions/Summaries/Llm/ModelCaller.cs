using System.ClientModel;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.AI;

namespace EvalReports.Summaries.Llm;

/// <summary>
/// The only place that calls the model. One call = at most 1 + <see cref="LlmOptions.MaxRetries"/> HTTP requests, each
/// with its own timeout; retried only on 408/429/5xx, network errors and timeouts, after the server's Retry-After (when
/// it is at most <see cref="LlmOptions.MaxRetryAfter"/>) or an exponential backoff with jitter. At most
/// <see cref="LlmOptions.Concurrency"/> requests are in flight in this worker, and a <see cref="CircuitBreaker"/> stops
/// calling a model that keeps failing. Never logs or returns prompt or answer text in errors.
/// </summary>
public sealed class ModelCaller(IChatClient client, LlmOptions options, TimeProvider clock)
{
    private readonly SemaphoreSlim inFlight = new(options.Concurrency, options.Concurrency);
    private readonly CircuitBreaker circuit = new(options.CircuitFailureThreshold, options.CircuitOpenFor, clock);
    private int requests;

    /// <summary>HTTP requests sent so far (for logs and tests).</summary>
    public int Requests => Volatile.Read(ref requests);

    public bool CircuitOpen => circuit.IsOpen;

    public async Task<string> CompleteAsync(IReadOnlyList<ChatMessage> messages, int maxOutputTokens, CancellationToken ct)
    {
        var chatOptions = new ChatOptions
        {
            MaxOutputTokens = maxOutputTokens,
            Temperature = 0.2f,
            ResponseFormat = ChatResponseFormat.Json,
        };
        for (var attempt = 0; ; attempt++)
        {
            if (circuit.IsOpen) throw new ModelUnavailableException("The model failed repeatedly; it is skipped for a while (circuit open).");

            TimeSpan? retryAfter = null;
            Exception failure;
            await inFlight.WaitAsync(ct);
            try
            {
                using var timeout = new CancellationTokenSource(options.CallTimeout, clock);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
                Interlocked.Increment(ref requests);
                var response = await client.GetResponseAsync(messages, chatOptions, linked.Token);
                circuit.Succeeded();
                return response.Text;
            }
            catch (Exception error) when (!ct.IsCancellationRequested && IsTransient(error, out retryAfter))
            {
                failure = error;
            }
            catch (Exception error) when (!ct.IsCancellationRequested)
            {
                circuit.Failed();
                throw new ModelUnavailableException($"The model call failed and is not retried ({Describe(error)}).", error);
            }
            finally
            {
                inFlight.Release();
            }

            if (attempt >= options.MaxRetries)
            {
                circuit.Failed();
                throw new ModelUnavailableException($"The model call still failed after {attempt + 1} attempts ({Describe(failure)}).", failure);
            }

            if (retryAfter > options.MaxRetryAfter)
            {
                circuit.Failed();
                throw new ModelUnavailableException($"The model asked to retry after {retryAfter.Value.TotalSeconds:0} s, longer than {options.MaxRetryAfter.TotalSeconds:0} s.", failure);
            }

            await Task.Delay(retryAfter ?? Backoff(attempt), clock, ct);
        }
    }

    /// <summary>Base × 2^attempt, ±20 % jitter, at most <see cref="LlmOptions.MaxBackoff"/>.</summary>
    private TimeSpan Backoff(int attempt)
    {
        var delay = options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, attempt) * (0.8 + Random.Shared.NextDouble() * 0.4);
        return TimeSpan.FromMilliseconds(Math.Min(delay, options.MaxBackoff.TotalMilliseconds));
    }

    private static bool IsTransient(Exception error, out TimeSpan? retryAfter)
    {
        retryAfter = null;
        switch (error)
        {
            case ClientResultException result:
                retryAfter = RetryAfter(result);
                return result.Status is 0 or 408 or 429 or >= 500;
            case HttpRequestException http:
                return http.StatusCode is null or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int?)http.StatusCode >= 500;
            case OperationCanceledException or TimeoutException or IOException:
                return true; // our per-call timeout (the caller's own cancellation is excluded by the filter)
            default:
                return false;
        }
    }

    private static TimeSpan? RetryAfter(ClientResultException error)
    {
        var headers = error.GetRawResponse()?.Headers;
        if (headers is null) return null;
        foreach (var name in new[] { "retry-after-ms", "x-ms-retry-after-ms" })
        {
            if (headers.TryGetValue(name, out var ms) && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var millis) && millis >= 0)
            {
                return TimeSpan.FromMilliseconds(millis);
            }
        }

        if (headers.TryGetValue("Retry-After", out var value) && value is not null)
        {
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0) return TimeSpan.FromSeconds(seconds);
            if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                var wait = at - DateTimeOffset.UtcNow;
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
        }

        return null;
    }

    private static string Describe(Exception error) => error switch
    {
        ClientResultException result => $"HTTP {result.Status}",
        HttpRequestException { StatusCode: { } status } => $"HTTP {(int)status}",
        OperationCanceledException => "timed out",
        _ => error.GetType().Name,
    };
}
