using EvalReports.Summaries.Llm;
using Microsoft.Extensions.Logging.Abstractions;

namespace EvalReports.Tests.Summaries.Llm;

/// <summary>
/// The real OpenAI client (through Microsoft.Extensions.AI.OpenAI, built by <see cref="ChatClientFactory"/> from the
/// settings) against an OpenAI-compatible endpoint on 127.0.0.1 served by the test.
/// </summary>
public sealed class OpenAiCompatibleEndpointTests
{
    private const string Key = "sk-test-secret-key";

    internal static readonly LlmOptions FastRetries = new()
    {
        RetryBaseDelay = TimeSpan.FromMilliseconds(5),
        MaxBackoff = TimeSpan.FromMilliseconds(20),
    };

    /// <summary>The production chain: settings → ChatClientFactory → the resilient HttpClient of ModelHttp → the test server.</summary>
    /// <param name="inner">The handler under the resilience pipeline (a counting one, say); a plain socket handler when null.</param>
    internal static (LlmSummarizer Summarizer, ModelCaller Caller, ModelHttp Http) Create(LocalOpenAiServer server, LlmOptions? options = null, HttpMessageHandler? inner = null)
    {
        var settings = new EvalReportsSettings
        {
            Summarizer = SummarizerKind.Llm,
            OpenAiBaseUrl = server.BaseUrl,
            OpenAiModel = "test-model",
            OpenAiApiKey = new SecretText(Key),
        };
        options ??= new LlmOptions { RetryBaseDelay = FastRetries.RetryBaseDelay, MaxBackoff = FastRetries.MaxBackoff };
        var http = ModelHttp.Create(options, TimeProvider.System, inner);
        var client = ChatClientFactory.Create(settings, httpClient: http.Client)!;
        var caller = new ModelCaller(client, options, () => http.CircuitOpen);
        return (new LlmSummarizer(caller, options, TimeProvider.System, NullLogger<LlmSummarizer>.Instance), caller, http);
    }

    [Fact]
    public async Task The_real_client_sends_a_json_chat_completion_with_the_key_and_uses_the_answer()
    {
        await using var server = new LocalOpenAiServer(r => LocalOpenAiServer.Reply.Ok(ScriptedModel.Answer(r.System, r.User)));
        var (summarizer, _, _) = Create(server);

        var summary = await summarizer.SummarizeRunAsync(LlmRuns.Safety(passed: 31, failed: 9), CancellationToken.None);

        Assert.Equal("llm", summary.Summarizer);
        Assert.StartsWith("31 of 40 scored responses passed (77.5%).", summary.PassingResponsesSummary);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal($"Bearer {Key}", request.Authorization);
        Assert.Equal("test-model", request.Body["model"]!.GetValue<string>());
        Assert.Equal("json_object", request.Body["response_format"]!["type"]!.GetValue<string>());
        Assert.NotEqual(true, request.Body["stream"]?.GetValue<bool>());
        Assert.Contains("\"scored_responses\": 40", request.User);
    }

    [Fact]
    public async Task A_429_with_retry_after_is_waited_out_and_then_succeeds()
    {
        await using var server = new LocalOpenAiServer(r => r.Number == 1
            ? new LocalOpenAiServer.Reply(429, Headers: new Dictionary<string, string> { ["Retry-After"] = "1" })
            : LocalOpenAiServer.Reply.Ok(ScriptedModel.Answer(r.System, r.User)));
        var (summarizer, _, _) = Create(server);

        var summary = await summarizer.SummarizeRunAsync(LlmRuns.Safety(passed: 31, failed: 9), CancellationToken.None);

        Assert.Equal("llm", summary.Summarizer);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task A_retry_after_longer_than_the_cap_is_not_waited_for()
    {
        await using var server = new LocalOpenAiServer(_ =>
            new LocalOpenAiServer.Reply(429, Headers: new Dictionary<string, string> { ["Retry-After"] = "3600" }));
        var (summarizer, _, _) = Create(server);

        var summary = await summarizer.SummarizeRunAsync(LlmRuns.Safety(passed: 31, failed: 9), CancellationToken.None);

        Assert.Equal("embedded", summary.Summarizer);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Server_errors_are_retried_up_to_the_limit_then_the_run_falls_back()
    {
        await using var server = new LocalOpenAiServer(_ => new LocalOpenAiServer.Reply(503));
        var (summarizer, caller, _) = Create(server);

        var summary = await summarizer.SummarizeRunAsync(LlmRuns.Safety(passed: 31, failed: 9), CancellationToken.None);

        Assert.Equal("embedded", summary.Summarizer);
        Assert.Equal(3, server.Requests.Count); // 1 + LlmOptions.MaxRetries (2); the OpenAI client adds none
        Assert.Equal(1, caller.Requests); // one chat request; the retries are the HttpClient's
    }

    [Fact]
    public async Task Malformed_json_output_is_retried_once_then_the_run_falls_back_to_embedded()
    {
        await using var server = new LocalOpenAiServer(_ => LocalOpenAiServer.Reply.Ok("{\"passing_responses_summary\": \"31 of 40 passed\", "));
        var (summarizer, _, _) = Create(server);

        var summary = await summarizer.SummarizeRunAsync(LlmRuns.Safety(passed: 31, failed: 9), CancellationToken.None);

        Assert.Equal("embedded", summary.Summarizer);
        Assert.Equal(2, server.Requests.Count);
        Assert.Contains("the answer is not valid JSON", server.Requests[1].User);
    }

    [Fact]
    public async Task A_number_that_contradicts_the_statistics_falls_back_to_embedded()
    {
        await using var server = new LocalOpenAiServer(r => LocalOpenAiServer.Reply.Ok(ScriptedModel.WrongNumber(r.User)));
        var (summarizer, _, _) = Create(server);

        var input = LlmRuns.Safety(passed: 31, failed: 9);
        var summary = await summarizer.SummarizeRunAsync(input, CancellationToken.None);

        Assert.Equal("embedded", summary.Summarizer);
        Assert.Equal(EvalReports.Summaries.EmbeddedSummarizer.SummarizeRun(input).FailingResponsesSummary, summary.FailingResponsesSummary);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Prompt_injection_stays_in_the_data_block_and_an_obeying_answer_is_rejected()
    {
        await using var server = new LocalOpenAiServer(r => LocalOpenAiServer.Reply.Ok(
            r.User.Contains("Ignore previous instructions", StringComparison.Ordinal) ? ScriptedModel.ObeyedInjection() : ScriptedModel.Good(r.User)));
        var (summarizer, _, _) = Create(server);

        var input = LlmRuns.Safety(passed: 31, failed: 9, injectionAt: 2);
        var summary = await summarizer.SummarizeRunAsync(input, CancellationToken.None);

        Assert.Equal("embedded", summary.Summarizer);
        Assert.Equal(EvalReports.Summaries.EmbeddedSummarizer.SummarizeRun(input).PassingResponsesSummary, summary.PassingResponsesSummary);
        Assert.Equal(2, server.Requests.Count);
        InjectionAssertions.OnlyInsideTheBlock(server.Requests[0].System, server.Requests[0].User);
    }

    [Fact]
    public async Task An_accuracy_run_comes_back_with_one_section_per_category_in_every_field()
    {
        await using var server = new LocalOpenAiServer(r => LocalOpenAiServer.Reply.Ok(ScriptedModel.Answer(r.System, r.User)));
        var (summarizer, _, _) = Create(server);

        var input = CategorySectionsTests.Run();
        var summary = await summarizer.SummarizeRunAsync(input, CancellationToken.None);

        Assert.Equal("llm", summary.Summarizer);
        var embedded = EvalReports.Summaries.EmbeddedSummarizer.SummarizeRun(input);
        Assert.Equal(CategorySectionsTests.Categories, CategorySectionsTests.SectionNames(summary.PassingResponsesSummary));
        Assert.Equal(CategorySectionsTests.Categories, CategorySectionsTests.SectionNames(summary.FailingResponsesSummary));
        Assert.Equal(CategorySectionsTests.SectionNames(embedded.ImprovementAdvice), CategorySectionsTests.SectionNames(summary.ImprovementAdvice));
        Assert.StartsWith("7 of 18 scored responses failed (38.9%), most of them with invented facts.\n\n<geography>\n", summary.FailingResponsesSummary);
        Assert.Contains("<science>\n3 of 4 scored responses in this category failed (75%).", summary.FailingResponsesSummary);
        Assert.Contains("<history>\nThere were no failing results to evaluate.\n</history>", summary.FailingResponsesSummary);
        Assert.Contains("<uncategorized>\nThere were no passing results to evaluate.\n</uncategorized>", summary.PassingResponsesSummary);
        var request = Assert.Single(server.Requests);
        Assert.Equal("json_object", request.Body["response_format"]!["type"]!.GetValue<string>());
        // Room for the overall part and four categories' sections: 200 + 4 × 600 tokens, more than the 2,000 of a prose answer.
        Assert.Equal(2_600, (request.Body["max_completion_tokens"] ?? request.Body["max_tokens"])!.GetValue<int>());
    }

    [Theory]
    [InlineData("renamed")]
    [InlineData("contradicting")]
    public async Task An_accuracy_answer_with_a_renamed_category_or_another_categorys_number_falls_back_to_embedded(string fault)
    {
        await using var server = new LocalOpenAiServer(r => LocalOpenAiServer.Reply.Ok(ScriptedModel.GoodByCategory(r.User, (categories, _) =>
        {
            if (fault == "renamed")
            {
                var science = categories["science"]!;
                categories.Remove("science");
                categories["Science"] = science;
            }
            else
            {
                categories["geography"]![CategoryDraft.FailingKey] = "3 of 8 scored responses in this category failed (25%). They invented facts.";
            }
        })));
        var (summarizer, _, _) = Create(server);

        var input = CategorySectionsTests.Run();
        var summary = await summarizer.SummarizeRunAsync(input, CancellationToken.None);

        var embedded = EvalReports.Summaries.EmbeddedSummarizer.SummarizeRun(input);
        Assert.Equal("embedded", summary.Summarizer);
        Assert.Equal(embedded.PassingResponsesSummary, summary.PassingResponsesSummary);
        Assert.Equal(embedded.FailingResponsesSummary, summary.FailingResponsesSummary);
        Assert.Equal(embedded.ImprovementAdvice, summary.ImprovementAdvice);
        Assert.Equal(2, server.Requests.Count);
        Assert.Contains(fault == "renamed" ? "category C3 is missing" : "\"failing\" of category C1 states the number 3, which is not one of that category's computed figures", server.Requests[1].User);
    }

    [Fact]
    public async Task Azure_openai_is_called_on_its_v1_endpoint_with_an_entra_id_bearer_token_and_the_deployment_as_model()
    {
        await using var server = new LocalOpenAiServer(r => LocalOpenAiServer.Reply.Ok(ScriptedModel.Answer(r.System, r.User)));
        var settings = new EvalReportsSettings
        {
            Summarizer = SummarizerKind.Llm,
            AzureOpenAiEndpoint = new Uri($"https://127.0.0.1:{server.Port}/"),
            AzureOpenAiDeployment = "my-deployment",
        };

        // The bearer-token policy refuses plain HTTP (as it should), and the test server has no certificate: the client
        // sends to https://127.0.0.1, and only the socket underneath talks plain HTTP to the test server.
        string? scope = null;
        var credential = Azure.Core.DelegatedTokenCredential.Create((context, _) =>
        {
            scope = string.Join(" ", context.Scopes);
            return new Azure.Core.AccessToken("entra-token", DateTimeOffset.UtcNow.AddHours(1));
        });
        var options = new LlmOptions();
        using var modelHttp = ModelHttp.Create(options, TimeProvider.System, new HttpsToLocalHttp());
        var caller = new ModelCaller(ChatClientFactory.Create(settings, credential, modelHttp.Client)!, options, () => modelHttp.CircuitOpen);
        var summarizer = new LlmSummarizer(caller, options, TimeProvider.System, NullLogger<LlmSummarizer>.Instance);

        var summary = await summarizer.SummarizeRunAsync(LlmRuns.Safety(passed: 31, failed: 9), CancellationToken.None);

        Assert.Equal("llm", summary.Summarizer);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/openai/v1/chat/completions", request.Path);
        Assert.Equal("Bearer entra-token", request.Authorization);
        Assert.Equal(ChatClientFactory.AzureOpenAiScope, scope);
        Assert.Equal("my-deployment", request.Body["model"]!.GetValue<string>());
    }

    private sealed class HttpsToLocalHttp() : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Assert.Equal(Uri.UriSchemeHttps, request.RequestUri!.Scheme);
            request.RequestUri = new UriBuilder(request.RequestUri) { Scheme = Uri.UriSchemeHttp }.Uri;
            return base.SendAsync(request, cancellationToken);
        }
    }
}
