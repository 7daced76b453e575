using System.ClientModel;
using Microsoft.Extensions.AI;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace EvalReports.Summaries.Llm;

/// <summary>
/// The only place that calls the model: one chat request at a time per slot (at most <see cref="LlmOptions.Concurrency"/>
/// in flight in this worker, over all runs). Retries, timeouts and the circuit breaker live on the model's HttpClient
/// (<see cref="ModelHttp"/>), so one chat request is at most 1 + <see cref="LlmOptions.MaxRetries"/> HTTP requests.
/// Every failure becomes a <see cref="ModelUnavailableException"/> for this run only. Never logs or returns prompt or
/// answer text in errors.
/// </summary>
public sealed class ModelCaller(IChatClient client, LlmOptions options, Func<bool>? circuitOpen = null)
{
    private readonly SemaphoreSlim inFlight = new(options.Concurrency, options.Concurrency);
    private int requests;

    /// <summary>Chat requests sent so far (each may be several HTTP attempts; for logs and tests).</summary>
    public int Requests => Volatile.Read(ref requests);

    /// <summary>The model's circuit breaker is open: runs go straight to the embedded summarizer.</summary>
    public bool CircuitOpen => circuitOpen?.Invoke() == true;

    public async Task<string> CompleteAsync(IReadOnlyList<ChatMessage> messages, int maxOutputTokens, CancellationToken ct)
    {
        var chatOptions = new ChatOptions
        {
            MaxOutputTokens = maxOutputTokens,
            Temperature = 0.2f,
            ResponseFormat = ChatResponseFormat.Json,
        };
        if (CircuitOpen) throw new ModelUnavailableException("The model failed repeatedly; it is skipped for a while (circuit open).");

        await inFlight.WaitAsync(ct);
        try
        {
            Interlocked.Increment(ref requests);
            var response = await client.GetResponseAsync(messages, chatOptions, ct);
            return response.Text;
        }
        catch (Exception error) when (!ct.IsCancellationRequested)
        {
            throw new ModelUnavailableException($"The model call failed ({Describe(error)}).", error);
        }
        finally
        {
            inFlight.Release();
        }
    }

    private static string Describe(Exception error) => error switch
    {
        ClientResultException result => $"HTTP {result.Status}",
        HttpRequestException { StatusCode: { } status } => $"HTTP {(int)status}",
        BrokenCircuitException => "circuit open",
        TimeoutRejectedException or OperationCanceledException or TimeoutException => "timed out",
        _ when error.InnerException is { } inner && inner != error => Describe(inner),
        _ => error.GetType().Name,
    };
}
