using System.Text.Json;
using Xunit;

namespace EvalReports.Tests.Deployment;

public class AzureYamlTests
{
    private static string AzureYamlPath => RepoPaths.InRepo("azure.yaml");

    [SkippableFact]
    public void Azure_yaml_validates_against_the_azd_schema()
    {
        var schema = SchemaValidation.Load(RepoPaths.Schema("azure.yaml.json"));
        using var document = SchemaValidation.ReadYamlAsJson(AzureYamlPath);

        SchemaValidation.AssertValid(schema, document.RootElement, "azure.yaml");
    }

    [Fact]
    public void Azure_yaml_declares_the_api_as_a_dotnet_function_service()
    {
        using var document = SchemaValidation.ReadYamlAsJson(AzureYamlPath);
        var root = document.RootElement;

        Assert.Equal("evalreports", root.GetProperty("name").GetString());
        Assert.StartsWith("evalreports@", root.GetProperty("metadata").GetProperty("template").GetString());

        var api = root.GetProperty("services").GetProperty("api");
        Assert.Equal("./EvalReports.Functions", api.GetProperty("project").GetString());
        Assert.Equal("dotnet", api.GetProperty("language").GetString());
        Assert.Equal("function", api.GetProperty("host").GetString());
        Assert.True(Directory.Exists(RepoPaths.InRepo("EvalReports.Functions")), "services.api.project must point at an existing folder.");
    }

    [Fact]
    public void Azure_yaml_s_infra_points_at_main_bicep()
    {
        using var document = SchemaValidation.ReadYamlAsJson(AzureYamlPath);
        var root = document.RootElement;

        // azd's defaults are infra/ and main; if the file overrides them they must still point there.
        var infraPath = "infra";
        var module = "main";
        if (root.TryGetProperty("infra", out var infra))
        {
            if (infra.TryGetProperty("provider", out var provider))
            {
                Assert.Equal("bicep", provider.GetString());
            }

            infraPath = infra.TryGetProperty("path", out var path) ? path.GetString() ?? infraPath : infraPath;
            module = infra.TryGetProperty("module", out var name) ? name.GetString() ?? module : module;
        }

        Assert.True(File.Exists(RepoPaths.InRepo(infraPath, module + ".bicep")), $"{infraPath}/{module}.bicep is missing.");
        Assert.True(File.Exists(RepoPaths.InRepo(infraPath, module + ".parameters.json")), $"{infraPath}/{module}.parameters.json is missing.");
    }

    [SkippableFact]
    public void Azure_yaml_uses_no_host_whose_schema_is_remote()
    {
        // The azd schema pulls sub-schemas for some hosts from remote URLs, which are stubbed offline;
        // make sure no service here relies on one of them (their if/then const values name those hosts).
        var schemaText = File.ReadAllText(RepoPaths.Schema("azure.yaml.json"));
        Assert.NotEmpty(SchemaValidation.RemoteRefs(System.Text.Json.Nodes.JsonNode.Parse(schemaText)));

        using var document = SchemaValidation.ReadYamlAsJson(AzureYamlPath);
        foreach (var service in document.RootElement.GetProperty("services").EnumerateObject())
        {
            var host = service.Value.GetProperty("host").GetString();
            Assert.Contains(host, new[] { "function", "appservice", "containerapp", "staticwebapp", "aks" });
        }
    }
}
