using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace EvalReports.Tests.Deployment;

/// <summary>Assertions over the ARM JSON compiled from infra/main.bicep (skipped locally without the Bicep CLI).</summary>
public partial class InfraTemplateTests
{
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aff3";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";
    private const string CognitiveServicesOpenAiUser = "5e0bd9bd-7b93-4f28-af87-19fc36ad61bd";

    private static readonly string[] StorageRoles = [StorageBlobDataOwner, StorageQueueDataContributor, StorageTableDataContributor];

    private static readonly string[] AllRoles =
        [StorageBlobDataOwner, StorageQueueDataContributor, StorageTableDataContributor, MonitoringMetricsPublisher, CognitiveServicesOpenAiUser];

    [GeneratedRegex(@"^\[subscriptionResourceId\('Microsoft\.Authorization/roleDefinitions', '([0-9a-f-]{36})'\)\]$")]
    private static partial Regex BuiltInRoleDefinition();

    private static ArmResource FunctionApp()
    {
        var sites = ArmTemplate.ResourcesOfType(ArmTemplate.Main, "Microsoft.Web/sites");
        Assert.Single(sites);
        return sites[0];
    }

    /// <summary>The function app's settings: siteConfig.appSettings plus any sites/config 'appsettings' resources.</summary>
    private static Dictionary<string, string> AppSettings()
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        var site = FunctionApp();
        if (ArmTemplate.TryGet(site.Properties, "siteConfig", out var siteConfig)
            && ArmTemplate.TryGet(siteConfig, "appSettings", out var appSettings))
        {
            Assert.Equal(JsonValueKind.Array, appSettings.ValueKind);
            foreach (var setting in appSettings.EnumerateArray())
            {
                var name = ArmTemplate.Get(setting, "name").GetString()!;
                Assert.True(settings.TryAdd(name, ArmTemplate.Get(setting, "value").ToString()), $"Duplicate app setting {name}.");
            }
        }

        foreach (var config in ArmTemplate.ResourcesOfType(ArmTemplate.Main, "Microsoft.Web/sites/config")
                     .Where(c => c.Name.Contains("appsettings", StringComparison.OrdinalIgnoreCase)))
        {
            foreach (var property in config.Properties.EnumerateObject())
            {
                Assert.True(settings.TryAdd(property.Name, property.Value.ToString()), $"Duplicate app setting {property.Name}.");
            }
        }

        Assert.NotEmpty(settings);
        return settings;
    }

    [SkippableFact]
    public void The_storage_account_is_locked_down()
    {
        var storage = ArmTemplate.Single(ArmTemplate.Main, "Microsoft.Storage/storageAccounts");
        var properties = storage.Properties;

        Assert.Equal("StorageV2", ArmTemplate.Get(storage.Element, "kind").GetString());
        Assert.Equal("Standard_LRS", ArmTemplate.Path(storage.Element, "sku", "name").GetString());
        Assert.False(ArmTemplate.Get(properties, "allowSharedKeyAccess").GetBoolean());
        Assert.False(ArmTemplate.Get(properties, "allowBlobPublicAccess").GetBoolean());
        Assert.Equal("TLS1_2", ArmTemplate.Get(properties, "minimumTlsVersion").GetString());
        Assert.True(ArmTemplate.Get(properties, "supportsHttpsTrafficOnly").GetBoolean());
    }

    [SkippableFact]
    public void The_storage_account_has_the_deployment_container_the_function_app_uses()
    {
        var containers = ArmTemplate.ResourcesOfType(ArmTemplate.Main, "Microsoft.Storage/storageAccounts/blobServices/containers");
        Assert.NotEmpty(containers);

        var deploymentStorage = ArmTemplate.Path(FunctionApp().Properties, "functionAppConfig", "deployment", "storage");
        Assert.Equal("blobContainer", ArmTemplate.Get(deploymentStorage, "type").GetString());
        var value = ArmTemplate.Get(deploymentStorage, "value").GetString()!;
        Assert.Contains("primaryEndpoints.blob", value, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void The_function_app_is_https_only_with_ftps_disabled()
    {
        var site = FunctionApp();
        var properties = site.Properties;

        Assert.True(ArmTemplate.Get(properties, "httpsOnly").GetBoolean());
        var siteConfig = ArmTemplate.Get(properties, "siteConfig");
        Assert.Equal("Disabled", ArmTemplate.Get(siteConfig, "ftpsState").GetString());
        Assert.Equal("1.2", ArmTemplate.Get(siteConfig, "minTlsVersion").GetString());
        Assert.Equal("functionapp,linux", ArmTemplate.Get(site.Element, "kind").GetString());
    }

    [SkippableFact]
    public void The_function_app_is_tagged_as_the_azd_api_service()
    {
        var tags = ArmTemplate.Get(FunctionApp().Element, "tags");

        if (tags.ValueKind == JsonValueKind.Object)
        {
            Assert.Equal("api", ArmTemplate.Get(tags, "azd-service-name").GetString());
        }
        else
        {
            // e.g. [union(parameters('tags'), createObject('azd-service-name', 'api'))]
            Assert.Matches(@"'azd-service-name',\s*'api'", tags.GetString());
        }
    }

    [SkippableFact]
    public void The_function_app_runs_on_flex_consumption_with_dotnet_isolated_10()
    {
        var plan = ArmTemplate.Single(ArmTemplate.Main, "Microsoft.Web/serverfarms");
        Assert.Equal("FC1", ArmTemplate.Path(plan.Element, "sku", "name").GetString());
        Assert.Equal("FlexConsumption", ArmTemplate.Path(plan.Element, "sku", "tier").GetString());
        Assert.True(ArmTemplate.Get(plan.Properties, "reserved").GetBoolean());

        var config = ArmTemplate.Get(FunctionApp().Properties, "functionAppConfig");
        Assert.Equal("dotnet-isolated", ArmTemplate.Path(config, "runtime", "name").GetString());
        Assert.Equal("10.0", ArmTemplate.Path(config, "runtime", "version").GetString());

        var scale = ArmTemplate.Get(config, "scaleAndConcurrency");
        Assert.Equal(2048, ArmTemplate.Get(scale, "instanceMemoryMB").GetInt32());
        Assert.Contains("maximumInstanceCount", ArmTemplate.Get(scale, "maximumInstanceCount").ToString(), StringComparison.OrdinalIgnoreCase);
        var durable = Assert.Single(
            ArmTemplate.Get(scale, "alwaysReady").EnumerateArray(),
            entry => ArmTemplate.Get(entry, "name").GetString() == "durable");
        Assert.Equal(1, ArmTemplate.Get(durable, "instanceCount").GetInt32());
    }

    [SkippableFact]
    public void The_function_app_s_deployment_storage_uses_the_user_assigned_identity()
    {
        var site = FunctionApp();
        var authentication = ArmTemplate.Path(site.Properties, "functionAppConfig", "deployment", "storage", "authentication");

        Assert.Equal("UserAssignedIdentity", ArmTemplate.Get(authentication, "type").GetString());
        var identityId = ArmTemplate.Get(authentication, "userAssignedIdentityResourceId").GetString();
        Assert.False(string.IsNullOrEmpty(identityId));

        var identity = ArmTemplate.Get(site.Element, "identity");
        Assert.Contains("UserAssigned", ArmTemplate.Get(identity, "type").GetString(), StringComparison.Ordinal);
        Assert.NotEmpty(ArmTemplate.Get(identity, "userAssignedIdentities").EnumerateObject());
        Assert.NotEmpty(ArmTemplate.ResourcesOfType(ArmTemplate.Main, "Microsoft.ManagedIdentity/userAssignedIdentities"));
    }

    [SkippableFact]
    public void The_function_app_uses_identity_based_host_storage()
    {
        var settings = AppSettings();

        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Contains("clientId", settings["AzureWebJobsStorage__clientId"], StringComparison.OrdinalIgnoreCase);
        Assert.Contains("primaryEndpoints.blob", settings["AzureWebJobsStorage__blobServiceUri"], StringComparison.Ordinal);
        Assert.Contains("primaryEndpoints.queue", settings["AzureWebJobsStorage__queueServiceUri"], StringComparison.Ordinal);
        Assert.Contains("primaryEndpoints.table", settings["AzureWebJobsStorage__tableServiceUri"], StringComparison.Ordinal);
        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
    }

    [SkippableFact]
    public void The_function_app_sets_every_app_setting_the_app_reads()
    {
        var settings = AppSettings();

        var missing = ExpectedSettings.AzureAppSettingNames.Where(name => !settings.ContainsKey(name)).ToList();
        Assert.True(missing.Count == 0, "Function app is missing app settings: " + string.Join(", ", missing));

        // Flex Consumption rejects these: the runtime comes from functionAppConfig.runtime.
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", settings.Keys);
        Assert.DoesNotContain("FUNCTIONS_EXTENSION_VERSION", settings.Keys);

        Assert.Contains("primaryEndpoints.table", settings["EVALREPORTS_TABLES_SERVICE_URI"], StringComparison.Ordinal);
        Assert.Equal(settings["AzureWebJobsStorage__clientId"], settings["EVALREPORTS_MANAGED_IDENTITY_CLIENT_ID"]);
        Assert.Contains("Authorization=AAD", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"], StringComparison.Ordinal);
        Assert.Contains("ClientId=", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"], StringComparison.Ordinal);
        Assert.Contains("'embedded'", settings["EVALREPORTS_SUMMARIZER"], StringComparison.Ordinal);
        Assert.Contains("'llm'", settings["EVALREPORTS_SUMMARIZER"], StringComparison.Ordinal);
    }

    [SkippableFact]
    public void The_template_has_no_keys_or_secret_connection_strings()
    {
        foreach (var (name, value) in AppSettings())
        {
            foreach (var forbidden in new[] { "AccountKey", "SharedAccessSignature", "listKeys(", "InstrumentationKey=" })
            {
                Assert.DoesNotContain(forbidden, name, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(forbidden, value, StringComparison.OrdinalIgnoreCase);
            }

            if (name == "APPLICATIONINSIGHTS_CONNECTION_STRING")
            {
                // Read from the component (no secret: ingestion authenticates with Entra ID).
                Assert.Matches(@"^\[reference\(resourceId\('Microsoft\.Insights/components', [^\]]*\)\.ConnectionString\]$", value);
                continue;
            }

            Assert.DoesNotContain("ConnectionString", name, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("ConnectionString", value, StringComparison.OrdinalIgnoreCase);
        }

        var text = ArmTemplate.Main.GetRawText();
        foreach (var forbidden in new[] { "listKeys(", "listAccountSas(", "listServiceSas(", "AccountKey=", "SharedAccessSignature=" })
        {
            Assert.DoesNotContain(forbidden, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [SkippableFact]
    public void Role_assignments_use_built_in_role_ids_and_deterministic_guid_names()
    {
        var assignments = ArmTemplate.ResourcesOfType(ArmTemplate.Main, "Microsoft.Authorization/roleAssignments");
        Assert.NotEmpty(assignments);

        var used = new HashSet<string>();
        foreach (var assignment in assignments)
        {
            var properties = assignment.Properties;
            var roleDefinitionId = assignment.Resolve(ArmTemplate.Get(properties, "roleDefinitionId"));
            var match = BuiltInRoleDefinition().Match(roleDefinitionId ?? "");
            Assert.True(match.Success, $"roleDefinitionId '{roleDefinitionId}' is not a built-in role id.");
            Assert.Contains(match.Groups[1].Value, AllRoles);
            used.Add(match.Groups[1].Value);

            // name = guid(scope id, principal id, role id)
            Assert.StartsWith("[guid(", assignment.Name, StringComparison.Ordinal);
            Assert.Contains(Inner(ArmTemplate.Get(properties, "principalId").GetString()!), assignment.Name, StringComparison.Ordinal);
            Assert.Contains(Inner(ArmTemplate.Get(properties, "roleDefinitionId").GetString()!), assignment.Name, StringComparison.Ordinal);
            Assert.Contains(ArmTemplate.Get(properties, "principalType").GetString(), new[] { "ServicePrincipal", "User" });
        }

        Assert.Equal(AllRoles.Order(), used.Order());
    }

    [SkippableFact]
    public void Role_assignments_grant_storage_roles_to_the_identity_and_the_optional_user()
    {
        var assignments = ArmTemplate.ResourcesOfType(ArmTemplate.Main, "Microsoft.Authorization/roleAssignments");

        string Role(ArmResource a) => BuiltInRoleDefinition().Match(a.Resolve(ArmTemplate.Get(a.Properties, "roleDefinitionId")) ?? "").Groups[1].Value;
        string PrincipalType(ArmResource a) => ArmTemplate.Get(a.Properties, "principalType").GetString()!;

        var identityStorage = assignments.Where(a => PrincipalType(a) == "ServicePrincipal" && StorageRoles.Contains(Role(a))).ToList();
        Assert.Equal(StorageRoles.Order(), identityStorage.Select(Role).Order());
        Assert.All(identityStorage, a => Assert.Contains("Microsoft.Storage/storageAccounts", ArmTemplate.Get(a.Element, "scope").GetString(), StringComparison.Ordinal));

        var user = assignments.Where(a => PrincipalType(a) == "User").ToList();
        Assert.Equal(StorageRoles.Order(), user.Select(Role).Order());
        Assert.All(user, a => Assert.True(ArmTemplate.TryGet(a.Element, "condition", out _), "User role assignments must be conditional on principalId."));

        var metrics = Assert.Single(assignments, a => Role(a) == MonitoringMetricsPublisher);
        Assert.Contains("Microsoft.Insights/components", ArmTemplate.Get(metrics.Element, "scope").GetString(), StringComparison.Ordinal);
        var openAi = Assert.Single(assignments, a => Role(a) == CognitiveServicesOpenAiUser);
        Assert.Contains("Microsoft.CognitiveServices/accounts", ArmTemplate.Get(openAi.Element, "scope").GetString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Monitoring_disables_local_auth()
    {
        var component = ArmTemplate.Single(ArmTemplate.Main, "Microsoft.Insights/components");
        Assert.True(ArmTemplate.Get(component.Properties, "disableLocalAuth").GetBoolean());
        Assert.False(string.IsNullOrEmpty(ArmTemplate.Get(component.Properties, "workspaceResourceId").GetString()));

        var workspace = ArmTemplate.Single(ArmTemplate.Main, "Microsoft.OperationalInsights/workspaces");
        Assert.True(ArmTemplate.Path(workspace.Properties, "features", "disableLocalAuth").GetBoolean());
    }

    [SkippableFact]
    public void Azure_OpenAI_is_optional_and_keyless()
    {
        var main = ArmTemplate.Main;
        Assert.False(ArmTemplate.Path(main, "parameters", "deployOpenAi", "defaultValue").GetBoolean());

        var account = ArmTemplate.Single(main, "Microsoft.CognitiveServices/accounts");
        Assert.Equal("OpenAI", ArmTemplate.Get(account.Element, "kind").GetString());
        Assert.True(ArmTemplate.Get(account.Properties, "disableLocalAuth").GetBoolean());
        Assert.False(string.IsNullOrEmpty(ArmTemplate.Get(account.Properties, "customSubDomainName").GetString()));

        var deployment = ArmTemplate.Single(main, "Microsoft.CognitiveServices/accounts/deployments");
        Assert.Equal("OpenAI", ArmTemplate.Path(deployment.Properties, "model", "format").GetString());

        // The module holding the account only deploys when deployOpenAi is true.
        var module = Assert.Single(
            ArmTemplate.ResourcesOfType(main, "Microsoft.Resources/deployments"),
            d => ArmTemplate.ResourcesOfType(d.Element, "Microsoft.CognitiveServices/accounts").Count > 0);
        Assert.Equal("[parameters('deployOpenAi')]", ArmTemplate.Get(module.Element, "condition").GetString());
    }

    [SkippableFact]
    public void Main_bicep_is_subscription_scoped_with_azd_conventions()
    {
        var main = ArmTemplate.Main;
        Assert.Contains("subscriptionDeploymentTemplate", main.GetProperty("$schema").GetString(), StringComparison.Ordinal);
        Assert.Equal(
            "[toLower(uniqueString(subscription().id, parameters('environmentName'), parameters('location')))]",
            ArmTemplate.Path(main, "variables", "resourceToken").GetString());

        var group = ArmTemplate.Single(main, "Microsoft.Resources/resourceGroups");
        Assert.Equal("[format('rg-{0}', parameters('environmentName'))]", group.Name);
        Assert.Contains("azd-env-name", ArmTemplate.Path(main, "variables", "tags").GetRawText(), StringComparison.Ordinal);

        foreach (var output in new[]
                 {
                     "AZURE_LOCATION", "AZURE_TENANT_ID", "AZURE_RESOURCE_GROUP", "AZURE_FUNCTION_NAME",
                     "SERVICE_API_NAME", "SERVICE_API_URI", "AZURE_STORAGE_ACCOUNT_NAME",
                 })
        {
            Assert.True(main.GetProperty("outputs").TryGetProperty(output, out _), $"Missing output {output}.");
        }
    }

    [SkippableFact]
    public void The_parameters_map_azd_environment_variables()
    {
        using var file = SchemaValidation.ReadJson(RepoPaths.InRepo("infra", "main.parameters.json"));
        var values = file.RootElement.GetProperty("parameters");
        Assert.Equal("${AZURE_ENV_NAME}", values.GetProperty("environmentName").GetProperty("value").GetString());
        Assert.Equal("${AZURE_LOCATION}", values.GetProperty("location").GetProperty("value").GetString());
        Assert.Equal("${AZURE_PRINCIPAL_ID}", values.GetProperty("principalId").GetProperty("value").GetString());

        var declared = ArmTemplate.Main.GetProperty("parameters");
        foreach (var parameter in values.EnumerateObject())
        {
            Assert.True(declared.TryGetProperty(parameter.Name, out _), $"main.parameters.json sets unknown parameter {parameter.Name}.");
        }

        foreach (var parameter in declared.EnumerateObject().Where(p => !p.Value.TryGetProperty("defaultValue", out _)))
        {
            Assert.True(values.TryGetProperty(parameter.Name, out _), $"Required parameter {parameter.Name} is not in main.parameters.json.");
        }
    }

    /// <summary>Strips the surrounding [ ] of an ARM expression string.</summary>
    private static string Inner(string expression) =>
        expression.StartsWith('[') && expression.EndsWith(']') ? expression[1..^1] : expression;
}
