using System.Text.Json;
using EvalReports.Summaries.Llm;
using EvalReports.Tests.Deployment;
using EvalReports.Tests.Support;
using Microsoft.Extensions.Options;

namespace EvalReports.Tests.Settings;

/// <summary>
/// The app settings go through the host as Program.cs sets it up: a bad value of any of them stops the app at startup
/// with a message naming the setting (none is clamped or ignored), and the shipped sample settings start it.
/// </summary>
public sealed class SettingsStartupTests
{
    [Theory]
    [InlineData("EVALREPORTS_TABLES_CONNECTION_STRING", "AccountName=x;AccountKey")]
    [InlineData("EVALREPORTS_TABLES_SERVICE_URI", "account.table.core.windows.net")]
    [InlineData("EVALREPORTS_TABLES_SERVICE_URI", "http://account.table.core.windows.net")]
    [InlineData("EVALREPORTS_MANAGED_IDENTITY_CLIENT_ID", "my-identity")]
    [InlineData("EVALREPORTS_TABLE_PREFIX", "eval-reports")]
    [InlineData("EVALREPORTS_TABLE_PREFIX", "1reports")]
    [InlineData("EVALREPORTS_DEV_API_KEY", "short-dev-key")]
    [InlineData("EVALREPORTS_DEV_WORKSPACE_UUID", "my workspace/1")]
    [InlineData("EVALREPORTS_SUMMARIZER", "gpt")]
    [InlineData("EVALREPORTS_SUMMARIZER", "1")]
    [InlineData("EVALREPORTS_AZURE_OPENAI_ENDPOINT", "my-aoai.openai.azure.com")]
    [InlineData("EVALREPORTS_AZURE_OPENAI_ENDPOINT", "http://my-aoai.openai.azure.com/")]
    [InlineData("EVALREPORTS_OPENAI_BASE_URL", "api.openai.com/v1")]
    [InlineData("EVALREPORTS_OPENAI_BASE_URL", "http://api.example.com/v1")]
    [InlineData("EVALREPORTS_OPENAI_BASE_URL", "ftp://127.0.0.1/v1")]
    [InlineData("EVALREPORTS_DEFAULT_REPORT_LIMIT", "-1")]
    [InlineData("EVALREPORTS_DEFAULT_REPORT_LIMIT", "ten")]
    [InlineData("EVALREPORTS_DEFAULT_REPORT_LIMIT", "2.5")]
    public async Task A_bad_value_stops_the_app_at_startup_with_a_message_naming_the_setting(string setting, string value)
    {
        var message = await SettingsHost.StartupErrorAsync((setting, value));

        Assert.Contains(setting, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("EVALREPORTS_DEV_API_KEY", "short-dev-key")]
    [InlineData("EVALREPORTS_TABLES_CONNECTION_STRING", "AccountName=x;AccountKey=c2VjcmV0LWtleQ==;NoEndpoint")]
    public async Task A_bad_secret_is_named_but_never_repeated(string setting, string value)
    {
        var message = await SettingsHost.StartupErrorAsync((setting, value));

        Assert.Contains(setting, message, StringComparison.Ordinal);
        Assert.DoesNotContain(value, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Printing_the_settings_shows_no_connection_string_or_key()
    {
        const string connectionString = "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=c2VjcmV0LWFjY291bnQta2V5;EndpointSuffix=core.windows.net";
        var settings = await SettingsHost.StartAsync(
            ("EVALREPORTS_TABLES_CONNECTION_STRING", connectionString), ("EVALREPORTS_DEV_API_KEY", TestKeys.DevKey),
            ("EVALREPORTS_OPENAI_API_KEY", "sk-printed-never"), ("EVALREPORTS_TABLE_PREFIX", "shown"));

        var printed = settings.ToString();

        Assert.Contains("TablePrefix = shown", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("c2VjcmV0LWFjY291bnQta2V5", printed, StringComparison.Ordinal);
        Assert.DoesNotContain(TestKeys.DevKey, printed, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-printed-never", printed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_storage_at_all_stops_the_app_naming_both_ways_to_set_it()
    {
        var message = await SettingsHost.StartupErrorAsync(("EVALREPORTS_TABLES_CONNECTION_STRING", ""));

        Assert.Contains("EVALREPORTS_TABLES_CONNECTION_STRING", message, StringComparison.Ordinal);
        Assert.Contains("EVALREPORTS_TABLES_SERVICE_URI", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("EVALREPORTS_OPENAI_MODEL", "gpt-4o-mini")] // a model without its base URL is no model
    [InlineData("EVALREPORTS_AZURE_OPENAI_ENDPOINT", "https://my-aoai.openai.azure.com/")] // an endpoint without its deployment
    public async Task Llm_with_half_a_model_stops_the_app_naming_the_settings_it_needs(string setting, string value)
    {
        var message = await SettingsHost.StartupErrorAsync(("EVALREPORTS_SUMMARIZER", "llm"), (setting, value));

        Assert.Contains("EVALREPORTS_SUMMARIZER", message, StringComparison.Ordinal);
        Assert.Contains("EVALREPORTS_AZURE_OPENAI_DEPLOYMENT", message, StringComparison.Ordinal);
        Assert.Contains("EVALREPORTS_OPENAI_BASE_URL", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_bad_value_is_reported_at_once()
    {
        var message = await SettingsHost.StartupErrorAsync(
            ("EVALREPORTS_TABLE_PREFIX", "my_prefix"), ("EVALREPORTS_DEV_API_KEY", "short"), ("EVALREPORTS_DEFAULT_REPORT_LIMIT", "-5"));

        Assert.Contains("EVALREPORTS_TABLE_PREFIX", message, StringComparison.Ordinal);
        Assert.Contains("EVALREPORTS_DEV_API_KEY", message, StringComparison.Ordinal);
        Assert.Contains("EVALREPORTS_DEFAULT_REPORT_LIMIT", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retired_setting_set_to_another_value_than_its_old_default_stops_the_app()
    {
        var message = await SettingsHost.StartupErrorAsync(("EVALREPORTS_MAX_RUNS_PER_REPORT", "500"), ("EVALREPORTS_LLM_CONTEXT_TOKENS", "8000"));

        Assert.Contains("EVALREPORTS_MAX_RUNS_PER_REPORT is no longer a setting", message, StringComparison.Ordinal);
        Assert.Contains("EVALREPORTS_LLM_CONTEXT_TOKENS is no longer a setting", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_old_local_settings_file_with_the_retired_settings_at_their_defaults_still_starts()
    {
        // The retired settings as the sample file had them before they became constants.
        await SettingsHost.StartAsync(
            ("EVALREPORTS_MAX_RUNS_PER_REPORT", "100"), ("EVALREPORTS_REPORT_CONCURRENCY", "8"), ("EVALREPORTS_MAX_RESPONSES_PER_RUN", "20000"),
            ("EVALREPORTS_MAX_REQUEST_BODY_MB", "32"), ("EVALREPORTS_MAX_TEXT_CHARS", "1000000"), ("EVALREPORTS_IDEMPOTENCY_TTL_HOURS", "24"),
            ("EVALREPORTS_REPORT_DEADLINE_MINUTES", "60"), ("EVALREPORTS_MAINTENANCE_SCHEDULE", "0 */5 * * * *"),
            ("EVALREPORTS_LLM_TIMEOUT_SECONDS", "60"), ("EVALREPORTS_LLM_MAX_RETRIES", "2"), ("EVALREPORTS_LLM_CONTEXT_TOKENS", "32000"),
            ("EVALREPORTS_LLM_CONCURRENCY", "4"), ("EVALREPORTS_LLM_MAX_MAP_CALLS", "8"));
    }

    [Fact]
    public void A_dev_key_in_azure_fails_validation_naming_the_setting()
    {
        var settings = new EvalReportsSettings { TablesConnectionString = SettingsHost.LocalStorage, DevApiKey = TestKeys.DevKey };

        var result = new EvalReportsSettingsValidator(websiteInstanceId: "a1b2c3").Validate(Options.DefaultName, settings);

        Assert.True(result.Failed);
        Assert.Contains("EVALREPORTS_DEV_API_KEY", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("WEBSITE_INSTANCE_ID", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_shipped_sample_settings_start_the_app_with_their_values_and_blanks_as_unset()
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(RepoPaths.InRepo("local.settings.sample.json")));
        var values = sample.RootElement.GetProperty("Values").EnumerateObject().Select(v => (v.Name, v.Value.GetString()!)).ToArray();
        string Sample(string name) => values.Single(v => v.Name == name).Item2;

        var settings = await SettingsHost.StartAsync(values);

        Assert.Equal(Sample("EVALREPORTS_TABLES_CONNECTION_STRING"), settings.TablesConnectionString);
        Assert.Equal(Sample("EVALREPORTS_TABLE_PREFIX"), settings.TablePrefix);
        Assert.Equal(Sample("EVALREPORTS_DEV_API_KEY"), settings.DevApiKey);
        Assert.Equal(Sample("EVALREPORTS_DEV_WORKSPACE_UUID"), settings.DevWorkspaceUuid);
        Assert.Equal(SummarizerKind.Embedded, settings.Summarizer);
        Assert.Equal("", Sample("EVALREPORTS_DEFAULT_REPORT_LIMIT"));
        Assert.Null(settings.DefaultReportLimit); // blank = unlimited
        Assert.Null(settings.TablesServiceUri);
        Assert.Null(settings.ManagedIdentityClientId);
        Assert.Null(settings.AzureOpenAiDeployment);
        Assert.Null(settings.OpenAiApiKey);
    }

    [Fact]
    public async Task Good_values_reach_the_app_as_written()
    {
        var settings = await SettingsHost.StartAsync(
            ("EVALREPORTS_TABLES_SERVICE_URI", "https://account.table.core.windows.net/"),
            ("EVALREPORTS_MANAGED_IDENTITY_CLIENT_ID", "6f1c2b7e-3d4a-4c5b-9e8f-0a1b2c3d4e5f"),
            ("EVALREPORTS_TABLE_PREFIX", "prod2"),
            ("EVALREPORTS_DEV_WORKSPACE_UUID", "ws-local.1"),
            ("EVALREPORTS_SUMMARIZER", " LLM "),
            ("EVALREPORTS_OPENAI_BASE_URL", "http://localhost:11434/v1"),
            ("EVALREPORTS_OPENAI_MODEL", "llama3"),
            ("EVALREPORTS_OPENAI_API_KEY", "sk-local"),
            ("EVALREPORTS_DEFAULT_REPORT_LIMIT", "0"));

        Assert.Equal(new Uri("https://account.table.core.windows.net/"), settings.TablesServiceUri);
        Assert.Equal("6f1c2b7e-3d4a-4c5b-9e8f-0a1b2c3d4e5f", settings.ManagedIdentityClientId);
        Assert.Equal("prod2", settings.TablePrefix);
        Assert.Equal("ws-local.1", settings.DevWorkspaceUuid);
        Assert.Equal(SummarizerKind.Llm, settings.Summarizer);
        Assert.True(settings.HasOpenAiCompatible);
        Assert.Equal("sk-local", settings.OpenAiApiKey!.Reveal());
        Assert.Equal(0, settings.DefaultReportLimit);
    }
}
