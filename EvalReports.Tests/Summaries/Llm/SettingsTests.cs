using EvalReports.Summaries;
using EvalReports.Summaries.Llm;
using EvalReports.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EvalReports.Tests.Summaries.Llm;

/// <summary>EVALREPORTS_SUMMARIZER and the model settings: parsing, the startup error, the secret, the choice per report.</summary>
public sealed class SettingsTests
{
    private static EvalReportsSettings Read(params (string Name, string Value)[] values) => SettingsHost.Read(values);

    [Fact]
    public void The_default_is_embedded()
    {
        var settings = Read();
        Assert.Equal(SummarizerKind.Embedded, settings.Summarizer);
    }

    [Fact]
    public void Llm_without_a_model_is_a_startup_error_that_names_the_settings()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Read(("EVALREPORTS_SUMMARIZER", "llm")));
        Assert.Contains("EVALREPORTS_AZURE_OPENAI_ENDPOINT", error.Message);
        Assert.Contains("EVALREPORTS_OPENAI_BASE_URL", error.Message);
    }

    [Fact]
    public void An_azure_openai_endpoint_without_tls_is_a_startup_error()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Read(("EVALREPORTS_AZURE_OPENAI_ENDPOINT", "http://my-aoai.openai.azure.com/")));
        Assert.Contains("https", error.Message);
    }

    [Theory]
    [InlineData("http://api.example.com/v1")]
    [InlineData("http://10.0.0.5:8000/v1")]
    public void An_openai_compatible_base_url_without_tls_off_this_machine_is_a_startup_error_that_names_the_setting(string url)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Read(("EVALREPORTS_OPENAI_BASE_URL", url), ("EVALREPORTS_OPENAI_MODEL", "m")));
        Assert.Contains("EVALREPORTS_OPENAI_BASE_URL must be an https URL", error.Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8000/v1")]
    [InlineData("http://localhost:11434/v1")]
    [InlineData("http://[::1]:8000/v1")]
    [InlineData("https://api.openai.com/v1")]
    public void An_openai_compatible_base_url_is_https_or_on_loopback(string url)
    {
        Assert.Equal(new Uri(url), Read(("EVALREPORTS_OPENAI_BASE_URL", url), ("EVALREPORTS_OPENAI_MODEL", "m")).OpenAiBaseUrl);
    }

    [Fact]
    public void An_unknown_summarizer_is_a_startup_error()
    {
        Assert.Throws<InvalidOperationException>(() => Read(("EVALREPORTS_SUMMARIZER", "gpt")));
    }

    [Fact]
    public void Azure_openai_needs_endpoint_and_deployment_and_wins_over_an_openai_compatible_endpoint()
    {
        var settings = Read(
            ("EVALREPORTS_SUMMARIZER", "LLM"),
            ("EVALREPORTS_AZURE_OPENAI_ENDPOINT", "https://my-aoai.openai.azure.com/"),
            ("EVALREPORTS_AZURE_OPENAI_DEPLOYMENT", "gpt-4o-mini"),
            ("EVALREPORTS_OPENAI_BASE_URL", "http://127.0.0.1:1/v1"),
            ("EVALREPORTS_OPENAI_MODEL", "local"));
        Assert.Equal(SummarizerKind.Llm, settings.Summarizer);
        Assert.True(settings.HasAzureOpenAi);
        Assert.Equal(new Uri("https://my-aoai.openai.azure.com/openai/v1/"), ChatClientFactory.AzureV1Endpoint(settings.AzureOpenAiEndpoint!));
        Assert.Equal(new Uri("https://my-aoai.openai.azure.com/openai/v1/"), ChatClientFactory.AzureV1Endpoint(new Uri("https://my-aoai.openai.azure.com/openai/v1")));
        Assert.NotNull(ChatClientFactory.Create(settings)); // no key needed: Entra ID
    }

    [Fact]
    public void The_api_key_never_appears_when_the_settings_are_printed()
    {
        var settings = Read(
            ("EVALREPORTS_SUMMARIZER", "llm"),
            ("EVALREPORTS_OPENAI_BASE_URL", "http://127.0.0.1:1/v1"),
            ("EVALREPORTS_OPENAI_MODEL", "local"),
            ("EVALREPORTS_OPENAI_API_KEY", "sk-very-secret-value"));
        Assert.Equal("sk-very-secret-value", settings.OpenAiApiKey!.Reveal());
        Assert.DoesNotContain("sk-very-secret-value", settings.ToString());
    }

    [Fact]
    public void With_llm_configured_sandbox_reports_get_the_embedded_summarizer_and_others_the_llm_one()
    {
        var settings = new EvalReportsSettings
        {
            TablesConnectionString = "UseDevelopmentStorage=true",
            Summarizer = SummarizerKind.Llm,
            OpenAiBaseUrl = new Uri("http://127.0.0.1:1/v1"),
            OpenAiModel = "local",
        };
        using var services = new ServiceCollection().AddLogging().AddEvalReports(settings).BuildServiceProvider();
        var choice = services.GetRequiredService<SummarizerChoice>();

        Assert.IsType<LlmSummarizer>(choice.For(isSandbox: false));
        Assert.IsType<EmbeddedSummarizer>(choice.For(isSandbox: true));
    }

    [Fact]
    public void With_embedded_configured_every_report_gets_the_embedded_summarizer()
    {
        var settings = new EvalReportsSettings { TablesConnectionString = "UseDevelopmentStorage=true" };
        using var services = new ServiceCollection().AddLogging().AddEvalReports(settings).BuildServiceProvider();
        var choice = services.GetRequiredService<SummarizerChoice>();

        Assert.IsType<EmbeddedSummarizer>(choice.For(isSandbox: false));
        Assert.IsType<EmbeddedSummarizer>(choice.For(isSandbox: true));
    }
}
