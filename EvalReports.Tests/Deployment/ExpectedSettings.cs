namespace EvalReports.Tests.Deployment;

/// <summary>
/// The application settings EvalReports reads. <see cref="Names"/> is the single list that
/// local.settings.sample.json must contain; <see cref="LocalDefaults"/> gives each one's local value.
/// </summary>
public static class ExpectedSettings
{
    /// <summary>Every setting name that local.settings.sample.json (Values) must define.</summary>
    public static readonly string[] Names =
    [
        "AzureWebJobsStorage",
        "FUNCTIONS_WORKER_RUNTIME",
        "TASKHUB_NAME",
        "EVALREPORTS_TABLES_CONNECTION_STRING",
        "EVALREPORTS_TABLES_SERVICE_URI",
        "EVALREPORTS_MANAGED_IDENTITY_CLIENT_ID",
        "EVALREPORTS_TABLE_PREFIX",
        "EVALREPORTS_DEV_API_KEY",
        "EVALREPORTS_DEV_WORKSPACE_UUID",
        "EVALREPORTS_DEFAULT_REPORT_LIMIT",
        "EVALREPORTS_SUMMARIZER",
        "EVALREPORTS_AZURE_OPENAI_ENDPOINT",
        "EVALREPORTS_AZURE_OPENAI_DEPLOYMENT",
        "EVALREPORTS_OPENAI_BASE_URL",
        "EVALREPORTS_OPENAI_API_KEY",
        "EVALREPORTS_OPENAI_MODEL",
    ];

    /// <summary>Local (Azurite) default for each name in <see cref="Names"/>.</summary>
    public static IReadOnlyDictionary<string, string> LocalDefaults { get; } = new Dictionary<string, string>
    {
        ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
        ["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated",
        ["TASKHUB_NAME"] = "evalreportslocal",
        ["EVALREPORTS_TABLES_CONNECTION_STRING"] = "UseDevelopmentStorage=true",
        ["EVALREPORTS_TABLES_SERVICE_URI"] = "",
        ["EVALREPORTS_MANAGED_IDENTITY_CLIENT_ID"] = "",
        ["EVALREPORTS_TABLE_PREFIX"] = "evalreports",
        ["EVALREPORTS_DEV_API_KEY"] = "local-dev-key-change-me-0123456789abcdef",
        ["EVALREPORTS_DEV_WORKSPACE_UUID"] = "00000000-0000-0000-0000-000000000001",
        ["EVALREPORTS_DEFAULT_REPORT_LIMIT"] = "",
        ["EVALREPORTS_SUMMARIZER"] = "embedded",
        ["EVALREPORTS_AZURE_OPENAI_ENDPOINT"] = "",
        ["EVALREPORTS_AZURE_OPENAI_DEPLOYMENT"] = "",
        ["EVALREPORTS_OPENAI_BASE_URL"] = "",
        ["EVALREPORTS_OPENAI_API_KEY"] = "",
        ["EVALREPORTS_OPENAI_MODEL"] = "",
    };

    /// <summary>
    /// Settings the Bicep template must set on the function app in Azure. Local-only settings are left out:
    /// AzureWebJobsStorage (identity-based AzureWebJobsStorage__* instead), FUNCTIONS_WORKER_RUNTIME (Flex
    /// Consumption sets it from functionAppConfig.runtime), the Tables connection string, the dev API key and
    /// workspace, and the plain-OpenAI settings.
    /// </summary>
    public static readonly string[] AzureAppSettingNames =
    [
        "AzureWebJobsStorage__credential",
        "AzureWebJobsStorage__clientId",
        "AzureWebJobsStorage__blobServiceUri",
        "AzureWebJobsStorage__queueServiceUri",
        "AzureWebJobsStorage__tableServiceUri",
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
        "TASKHUB_NAME",
        "EVALREPORTS_TABLES_SERVICE_URI",
        "EVALREPORTS_MANAGED_IDENTITY_CLIENT_ID",
        "EVALREPORTS_TABLE_PREFIX",
        "EVALREPORTS_DEFAULT_REPORT_LIMIT",
        "EVALREPORTS_SUMMARIZER",
        "EVALREPORTS_AZURE_OPENAI_ENDPOINT",
        "EVALREPORTS_AZURE_OPENAI_DEPLOYMENT",
    ];
}
