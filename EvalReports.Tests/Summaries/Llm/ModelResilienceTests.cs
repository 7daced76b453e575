using EvalReports.Summaries.Llm;

namespace EvalReports.Tests.Summaries.Llm;

/// <summary>
/// The model's HttpClient pipeline (Microsoft.Extensions.Http.Resilience: retry, circuit breaker, attempt timeout)
/// through the real OpenAI client against an OpenAI-compatible endpoint on 127.0.0.1.
/// </summary>
public sealed class ModelResilienceTests
{
    private static LlmOptions Options(int maxRetries = 2, TimeSpan? timeout = null, int threshold = 6) =>
        OpenAiCompatibleEndpointTests.FastRetries with
        {
            MaxRetries = maxRetries,
            CallTimeout = timeout ?? TimeSpan.FromSeconds(20),
            CircuitFailureThreshold = threshold,
        };

    [Fact]
    public async Task A_503_is_retried_and_the_run_is_written_by_the_llm()
    {
        await using var server = new LocalOpenAiServer(r => r.Number == 1
            ? new LocalOpenAiServer.Reply(503)
            : LocalOpenAiServer.Reply.Ok(ScriptedModel.Answer(r.System, r.User)));
        var (summarizer, caller, _) = OpenAiCompatibleEndpointTests.Create(server, Options());

        var summary = await summarizer.SummarizeRunAsync(LlmRuns.Safety(passed: 31, failed: 9), CancellationToken.None);

        Assert.Equal("llm", summary.Summarizer);
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(1, caller.Requests);
    }

    [Fact]
    public async Task A_model_that_keeps_answering_429_costs_at_most_one_plus_max_retries_requests_and_never_throws()
    {
        await using var server = new LocalOpenAiServer(_ => new LocalOpenAiServer.Reply(429, Headers: new Dictionary<string, string> { ["retry-after-ms"] = "10" }));
        var (summarizer, _, _) = OpenAiCompatibleEndpointTests.Create(server, Options(maxRetries: 2));

        var summary = await summarizer.SummarizeRunAsync(LlmRuns.Safety(passed: 31, failed: 9), CancellationToken.None);

        Assert.Equal("embedded", summary.Summarizer);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task An_error_that_retrying_cannot_fix_is_not_retried()
    {
        await using var server = new LocalOpenAiServer(_ => new LocalOpenAiServer.Reply(401));
        var (summarizer, _, _) = OpenAiCompatibleEndpointTests.Create(server, Options());

        Assert.Equal("embedded", (await summarizer.SummarizeRunAsync(LlmRuns.Safety(31, 9), CancellationToken.None)).Summarizer);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_request_that_hangs_times_out_per_attempt_and_the_run_falls_back()
    {
        await using var server = new LocalOpenAiServer(_ => new LocalOpenAiServer.Reply(200, "{}", Delay: TimeSpan.FromMinutes(5)));
        var attempts = new CountingHandler();
        var (summarizer, _, _) = OpenAiCompatibleEndpointTests.Create(server, Options(maxRetries: 1, timeout: TimeSpan.FromMilliseconds(500)), attempts);

        var summary = await summarizer.SummarizeRunAsync(LlmRuns.Safety(31, 9), CancellationToken.None);

        Assert.Equal("embedded", summary.Summarizer);
        Assert.Equal(2, attempts.Sent); // the first attempt and one retry, each cut at the attempt timeout
        Assert.Equal(2, attempts.Cancelled);
    }

    /// <summary>Counts the HTTP attempts the pipeline sends, and how many it cancelled (timed out).</summary>
    private sealed class CountingHandler() : DelegatingHandler(new SocketsHttpHandler())
    {
        private int sent;
        private int cancelled;

        public int Sent => Volatile.Read(ref sent);

        public int Cancelled => Volatile.Read(ref cancelled);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref sent);
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref cancelled);
                throw;
            }
        }
    }

    [Fact]
    public async Task After_repeated_transient_failures_the_circuit_opens_and_later_runs_do_not_call_the_model()
    {
        await using var server = new LocalOpenAiServer(_ => new LocalOpenAiServer.Reply(502));
        var (summarizer, _, http) = OpenAiCompatibleEndpointTests.Create(server, Options(maxRetries: 0, threshold: 3));

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("embedded", (await summarizer.SummarizeRunAsync(LlmRuns.Safety(31, 9, uuid: $"run-{i}"), CancellationToken.None)).Summarizer);
        }

        Assert.Equal(3, server.Requests.Count);
        Assert.True(http.CircuitOpen);
        Assert.Equal("embedded", (await summarizer.SummarizeRunAsync(LlmRuns.Safety(31, 9), CancellationToken.None)).Summarizer);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task A_content_filter_400_fails_only_its_own_run_and_never_opens_the_circuit_for_the_others()
    {
        // The runs named "Filtered" are refused by the model's content filter (routine on safety data); the others are fine.
        await using var server = new LocalOpenAiServer(r => r.User.Contains("Filtered", StringComparison.Ordinal)
            ? new LocalOpenAiServer.Reply(400, ErrorCode: "content_filter")
            : LocalOpenAiServer.Reply.Ok(ScriptedModel.Answer(r.System, r.User)));
        var (summarizer, _, http) = OpenAiCompatibleEndpointTests.Create(server, Options(maxRetries: 2, threshold: 3));

        for (var i = 0; i < 8; i++)
        {
            var filtered = LlmRuns.Safety(31, 9, uuid: $"filtered-{i}");
            filtered = filtered with { Run = filtered.Run with { Name = $"Filtered run {i}" } };
            Assert.Equal("embedded", (await summarizer.SummarizeRunAsync(filtered, CancellationToken.None)).Summarizer);
        }

        Assert.Equal(8, server.Requests.Count); // one request each: a 400 is not retried
        Assert.False(http.CircuitOpen);
        Assert.Equal("llm", (await summarizer.SummarizeRunAsync(LlmRuns.Safety(31, 9, uuid: "clean"), CancellationToken.None)).Summarizer);
    }
}
