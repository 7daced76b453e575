using System.Text.Json;
using Xunit;

namespace EvalReports.Tests.Deployment;

/// <summary>
/// Guards the offline validator itself (draft-04 emulation, definition selection, stubbed remote refs):
/// documents that break the shared schemas must be rejected, so the config tests cannot pass vacuously.
/// </summary>
public class SchemaValidationTests
{
    [SkippableTheory]
    [InlineData("host.json.schema.json", "version-2-ext-5", """{"version":"2.0","bogus":1}""")]
    [InlineData("host.json.schema.json", "version-2-ext-5", """{"version":"2.0","extensions":{"http":{"routePrefix":5}}}""")]
    [InlineData("host.json.schema.json", "version-2-ext-5", """{"version":"2.0","extensions":{"durableTask":{"storageProvider":{"bogus":true}}}}""")]
    [InlineData("host.json.schema.json", "version-2-ext-5", """{"version":"2.0","logging":{"logLevel":{"default":"Loud"}}}""")]
    [InlineData("host.json.schema.json", "", """{"version":"2.0"}""")] // the root oneOf matches two v2 branches
    [InlineData("local.settings.schema.json", "", """{"IsEncrypted":"no"}""")]
    [InlineData("local.settings.schema.json", "", """{"Values":{"FUNCTIONS_WORKER_RUNTIME":"bogus"}}""")]
    [InlineData("azure.yaml.json", "", """{"services":{"api":{"host":"function","project":"./x"}}}""")]
    [InlineData("azure.yaml.json", "", """{"name":"x","services":{"api":{"project":"./x"}}}""")]
    [InlineData("azure.yaml.json", "", """{"name":"x","services":{"api":{"host":"function"}}}""")]
    public void The_validator_rejects_invalid_documents(string schemaFile, string definition, string json)
    {
        var path = RepoPaths.Schema(schemaFile);
        var schema = definition.Length == 0 ? SchemaValidation.Load(path) : SchemaValidation.LoadDefinition(path, definition);
        using var document = JsonDocument.Parse(json);

        Assert.False(SchemaValidation.Evaluate(schema, document.RootElement).IsValid, $"{json} should not validate against {schemaFile}.");
    }

    [SkippableTheory]
    [InlineData("host.json.schema.json", "version-2-ext-5", """{"version":"2.0","extensions":{"http":{"routePrefix":""}}}""")]
    [InlineData("local.settings.schema.json", "", """{"IsEncrypted":false,"Values":{"FUNCTIONS_WORKER_RUNTIME":"dotnet-isolated"}}""")]
    [InlineData("azure.yaml.json", "", """{"name":"xy","services":{"api":{"host":"function","project":"./x","language":"dotnet"}}}""")]
    public void The_validator_accepts_minimal_valid_documents(string schemaFile, string definition, string json)
    {
        var path = RepoPaths.Schema(schemaFile);
        var schema = definition.Length == 0 ? SchemaValidation.Load(path) : SchemaValidation.LoadDefinition(path, definition);
        using var document = JsonDocument.Parse(json);

        SchemaValidation.AssertValid(schema, document.RootElement, json);
    }
}
