using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;

namespace EvalReports.Summaries.Llm;

/// <summary>
/// Builds the <see cref="IChatClient"/> of the LLM summarizer from the settings: Azure OpenAI through its
/// OpenAI-compatible v1 endpoint with an Entra ID bearer token (no key), or any OpenAI-compatible endpoint with a key.
/// The OpenAI client's own retries are switched off: the resilience pipeline of <see cref="ModelHttp"/> is the only place
/// that retries.
/// </summary>
public static class ChatClientFactory
{
    /// <summary>The Entra ID scope for Azure OpenAI (Cognitive Services).</summary>
    public const string AzureOpenAiScope = "https://cognitiveservices.azure.com/.default";

    /// <param name="azureCredential">For Azure OpenAI; <see cref="DefaultAzureCredential"/> with the managed identity when null.</param>
    /// <param name="httpClient">The HTTP client to send with; the OpenAI client's own when null.</param>
    public static IChatClient? Create(EvalReportsSettings settings, TokenCredential? azureCredential = null, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.HasAzureOpenAi)
        {
            var credential = azureCredential ?? new DefaultAzureCredential(new DefaultAzureCredentialOptions
            {
                ManagedIdentityClientId = settings.ManagedIdentityClientId,
            });
            var options = ClientOptions(AzureV1Endpoint(settings.AzureOpenAiEndpoint!), settings, httpClient);
            // The token-policy constructor is marked experimental (OPENAI001); it is the documented way to use Entra ID
            // with Azure OpenAI's v1 endpoint through the OpenAI client, without Azure.AI.OpenAI's older OpenAI pin.
#pragma warning disable OPENAI001
            return new ChatClient(settings.AzureOpenAiDeployment!, new BearerTokenPolicy(credential, AzureOpenAiScope), options).AsIChatClient();
#pragma warning restore OPENAI001
        }

        if (settings.HasOpenAiCompatible)
        {
            // Local OpenAI-compatible servers often need no key, but the client insists on one.
            var key = new ApiKeyCredential(settings.OpenAiApiKey?.Reveal() ?? "no-key");
            return new ChatClient(settings.OpenAiModel!, key, ClientOptions(settings.OpenAiBaseUrl!, settings, httpClient)).AsIChatClient();
        }

        return null;
    }

    /// <summary>"https://x.openai.azure.com" → "https://x.openai.azure.com/openai/v1/" (kept when already given).</summary>
    public static Uri AzureV1Endpoint(Uri endpoint)
    {
        var text = endpoint.AbsoluteUri.TrimEnd('/');
        return new Uri(text.EndsWith("/openai/v1", StringComparison.OrdinalIgnoreCase) ? text + "/" : text + "/openai/v1/");
    }

    private static OpenAIClientOptions ClientOptions(Uri endpoint, EvalReportsSettings settings, HttpClient? httpClient)
    {
        var options = new OpenAIClientOptions
        {
            Endpoint = endpoint,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            // Each attempt is bounded by ModelHttp's timeout; this one must not cut retries short, so it is the run's deadline.
            NetworkTimeout = new LlmOptions().RunDeadline,
        };
        if (httpClient is not null) options.Transport = new HttpClientPipelineTransport(httpClient);
        return options;
    }
}
