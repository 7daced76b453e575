using System.Text.Json;
using Xunit;

namespace EvalReports.Tests.Deployment;

/// <summary>
/// Production options of the infrastructure, over the compiled ARM JSON: storage closed to public networks behind
/// private endpoints when asked, the deploying user's data-plane roles only when asked, a default report quota.
/// </summary>
public sealed class InfraIsolationTests
{
    [SkippableFact]
    public void The_new_parameters_default_to_the_safe_choice()
    {
        var parameters = ArmTemplate.Main.GetProperty("parameters");
        Assert.False(parameters.GetProperty("grantDeployerDataAccess").GetProperty("defaultValue").GetBoolean());
        Assert.False(parameters.GetProperty("privateNetworking").GetProperty("defaultValue").GetBoolean());
        Assert.Equal(1000, parameters.GetProperty("defaultReportLimit").GetProperty("defaultValue").GetInt32());
    }

    [SkippableFact]
    public void The_deploying_user_gets_data_roles_only_when_asked()
    {
        var rbac = Module("rbac");
        var user = ArmTemplate.Path(rbac.Properties, "parameters", "userPrincipalId").GetString()!;
        Assert.Equal("[if(parameters('grantDeployerDataAccess'), createObject('value', parameters('principalId')), createObject('value', ''))]", user);
    }

    [SkippableFact]
    public void Private_networking_closes_storage_and_adds_endpoints_for_blob_queue_and_table()
    {
        var storageModule = Module("storage");
        Assert.Equal("[if(parameters('privateNetworking'), createObject('value', 'Disabled'), createObject('value', 'Enabled'))]",
            ArmTemplate.Path(storageModule.Properties, "parameters", "publicNetworkAccess").GetString());
        var account = ArmTemplate.Single(ArmTemplate.Main, "Microsoft.Storage/storageAccounts");
        Assert.Equal("[parameters('publicNetworkAccess')]", ArmTemplate.Get(account.Properties, "publicNetworkAccess").GetString());
        Assert.Contains("parameters('publicNetworkAccess')", ArmTemplate.Path(account.Properties, "networkAcls", "defaultAction").GetString(), StringComparison.Ordinal);

        foreach (var name in new[] { "network", "storage-private-endpoints" })
        {
            Assert.Equal("[parameters('privateNetworking')]", ArmTemplate.Get(Module(name).Element, "condition").GetString());
        }

        var endpoints = ArmTemplate.ResourcesOfType(ArmTemplate.Main, "Microsoft.Network/privateEndpoints");
        var endpoint = Assert.Single(endpoints); // a copy loop over the services
        Assert.Equal(["blob", "queue", "table"], ArmTemplate.Path(endpoint.Template, "variables", "services").EnumerateArray().Select(s => s.GetString()));
        Assert.Single(ArmTemplate.ResourcesOfType(ArmTemplate.Main, "Microsoft.Network/privateDnsZones"));

        var site = ArmTemplate.Single(ArmTemplate.Main, "Microsoft.Web/sites");
        Assert.Contains("virtualNetworkSubnetId", ArmTemplate.Get(site.Properties, "virtualNetworkSubnetId").GetString(), StringComparison.Ordinal);
        var subnet = ArmTemplate.Path(Module("api").Properties, "parameters", "virtualNetworkSubnetId", "value").GetString()!;
        Assert.Contains("appSubnetId", subnet, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void The_default_report_limit_reaches_the_app()
    {
        var api = Module("api");
        Assert.Equal("[parameters('defaultReportLimit')]", ArmTemplate.Path(api.Properties, "parameters", "defaultReportLimit", "value").GetString());
        var site = ArmTemplate.Single(ArmTemplate.Main, "Microsoft.Web/sites");
        var setting = ArmTemplate.Path(site.Properties, "siteConfig", "appSettings").EnumerateArray()
            .Single(s => s.GetProperty("name").GetString() == "EVALREPORTS_DEFAULT_REPORT_LIMIT");
        Assert.Equal("[string(parameters('defaultReportLimit'))]", setting.GetProperty("value").GetString());
    }

    private static ArmResource Module(string name) =>
        ArmTemplate.ResourcesOfType(ArmTemplate.Main, "Microsoft.Resources/deployments").Single(d => d.Name == name);
}
