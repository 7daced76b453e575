using System.Text;
using EvalReports.Summaries.Llm;
using Microsoft.Extensions.Configuration;

namespace EvalReports;

/// <summary>
/// The app settings a deployment sets, under their app-setting names. Bound from configuration with the Options pattern
/// and checked when the host starts (<see cref="EvalReportsSettingsValidator"/>); a blank value counts as not set.
/// Everything else is a constant: <see cref="EvalReportsLimits"/> and <see cref="LlmOptions"/>.
/// </summary>
public sealed record EvalReportsSettings
{
    public const string DefaultTablePrefix = "evalreports";
    public const string DefaultDevWorkspaceUuid = "00000000-0000-0000-0000-000000000001";

    /// <summary>Our tables by connection string (Azurite, local runs); wins over the service URI.</summary>
    [ConfigurationKeyName("EVALREPORTS_TABLES_CONNECTION_STRING")]
    public string? TablesConnectionString { get; init => field = Blank(value); }

    /// <summary>Our tables by endpoint with DefaultAzureCredential (Azure).</summary>
    [ConfigurationKeyName("EVALREPORTS_TABLES_SERVICE_URI")]
    public Uri? TablesServiceUri { get; init; }

    /// <summary>The user-assigned identity's client id for DefaultAzureCredential (tables, Azure OpenAI).</summary>
    [ConfigurationKeyName("EVALREPORTS_MANAGED_IDENTITY_CLIENT_ID")]
    public string? ManagedIdentityClientId { get; init => field = Blank(value); }

    [ConfigurationKeyName("EVALREPORTS_TABLE_PREFIX")]
    public string TablePrefix { get; init => field = Blank(value) ?? DefaultTablePrefix; } = DefaultTablePrefix;

    [ConfigurationKeyName("EVALREPORTS_DEV_API_KEY")]
    public string? DevApiKey { get; init => field = Blank(value); }

    [ConfigurationKeyName("EVALREPORTS_DEV_WORKSPACE_UUID")]
    public string DevWorkspaceUuid { get; init => field = Blank(value) ?? DefaultDevWorkspaceUuid; } = DefaultDevWorkspaceUuid;

    [ConfigurationKeyName("EVALREPORTS_SUMMARIZER")]
    public SummarizerKind Summarizer { get; init; } = SummarizerKind.Embedded;

    [ConfigurationKeyName("EVALREPORTS_AZURE_OPENAI_ENDPOINT")]
    public Uri? AzureOpenAiEndpoint { get; init; }

    [ConfigurationKeyName("EVALREPORTS_AZURE_OPENAI_DEPLOYMENT")]
    public string? AzureOpenAiDeployment { get; init => field = Blank(value); }

    [ConfigurationKeyName("EVALREPORTS_OPENAI_BASE_URL")]
    public Uri? OpenAiBaseUrl { get; init; }

    [ConfigurationKeyName("EVALREPORTS_OPENAI_MODEL")]
    public string? OpenAiModel { get; init => field = Blank(value); }

    [ConfigurationKeyName("EVALREPORTS_OPENAI_API_KEY")]
    public SecretText? OpenAiApiKey { get; init; }

    /// <summary>Report quota of a workspace that has none of its own; null = unlimited.</summary>
    [ConfigurationKeyName("EVALREPORTS_DEFAULT_REPORT_LIMIT")]
    public int? DefaultReportLimit { get; init; }

    /// <summary>Azure OpenAI (endpoint + deployment, Entra ID) is configured; it wins over an OpenAI-compatible endpoint.</summary>
    public bool HasAzureOpenAi => AzureOpenAiEndpoint is not null && AzureOpenAiDeployment is not null;

    /// <summary>An OpenAI-compatible endpoint (base URL + model; the key is optional for local servers) is configured.</summary>
    public bool HasOpenAiCompatible => OpenAiBaseUrl is not null && OpenAiModel is not null;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>What printing the settings (a log line) shows: the connection string and the keys only as "(secret)".</summary>
    public override string ToString()
    {
        static string? Secret(string? value) => value is null ? null : "(secret)";
        return new StringBuilder("EvalReportsSettings { ").Append($"TablesConnectionString = {Secret(TablesConnectionString)}, TablesServiceUri = {TablesServiceUri}, ")
            .Append($"ManagedIdentityClientId = {ManagedIdentityClientId}, TablePrefix = {TablePrefix}, DevApiKey = {Secret(DevApiKey)}, ")
            .Append($"DevWorkspaceUuid = {DevWorkspaceUuid}, Summarizer = {Summarizer}, AzureOpenAiEndpoint = {AzureOpenAiEndpoint}, ")
            .Append($"AzureOpenAiDeployment = {AzureOpenAiDeployment}, OpenAiBaseUrl = {OpenAiBaseUrl}, OpenAiModel = {OpenAiModel}, ")
            .Append($"OpenAiApiKey = {OpenAiApiKey}, DefaultReportLimit = {DefaultReportLimit} }}").ToString();
    }
}
