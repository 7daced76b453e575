using System.Globalization;
using System.Text.Json;
using Xunit;

namespace EvalReports.Tests.Deployment;

public class HostJsonTests
{
    // The schema's root is a draft-04 oneOf over version-1, version-2 and version-2-ext-5; ordinary v2 files
    // match both v2 branches, so the oneOf can never pass. Validate against the v2 definition that fits
    // (extension bundle 5 / current extensions) instead, and make sure the v1 branch does not.
    private const string V2Definition = "version-2-ext-5";

    private static string SchemaPath => RepoPaths.Schema("host.json.schema.json");

    private static JsonDocument ReadHostJson() => SchemaValidation.ReadJson(RepoPaths.InRepo("host.json"));

    [SkippableFact]
    public void Host_json_validates_against_the_version_2_definition()
    {
        using var document = ReadHostJson();
        var schema = SchemaValidation.LoadDefinition(SchemaPath, V2Definition);

        SchemaValidation.AssertValid(schema, document.RootElement, $"host.json (#/definitions/{V2Definition})");
        Assert.Equal("2.0", document.RootElement.GetProperty("version").GetString());
    }

    [SkippableFact]
    public void Host_json_does_not_match_the_version_1_definition()
    {
        using var document = ReadHostJson();
        var schema = SchemaValidation.LoadDefinition(SchemaPath, "version-1");

        Assert.False(SchemaValidation.Evaluate(schema, document.RootElement).IsValid);
    }

    [Fact]
    public void Host_json_s_route_prefix_is_empty()
    {
        using var document = ReadHostJson();
        var http = document.RootElement.GetProperty("extensions").GetProperty("http");

        Assert.Equal("", http.GetProperty("routePrefix").GetString());
    }

    [Fact]
    public void The_task_hub_name_comes_from_an_app_setting_the_sample_sets()
    {
        using var document = ReadHostJson();
        var durable = document.RootElement.GetProperty("extensions").GetProperty("durableTask");

        Assert.Equal("%TASKHUB_NAME%", durable.GetProperty("hubName").GetString());
        using var sample = SchemaValidation.ReadJson(RepoPaths.InRepo("local.settings.sample.json"));
        Assert.False(string.IsNullOrWhiteSpace(sample.RootElement.GetProperty("Values").GetProperty("TASKHUB_NAME").GetString()),
            "func start needs a task hub name: local.settings.sample.json must set TASKHUB_NAME");
        Assert.Contains("TASKHUB_NAME", ExpectedSettings.AzureAppSettingNames);
    }

    [Fact]
    public void Durable_polls_its_queues_at_least_every_ten_seconds()
    {
        using var document = ReadHostJson();
        var provider = document.RootElement.GetProperty("extensions").GetProperty("durableTask").GetProperty("storageProvider");

        var interval = TimeSpan.ParseExact(
            provider.GetProperty("maxQueuePollingInterval").GetString()!, @"hh\:mm\:ss", CultureInfo.InvariantCulture);

        Assert.InRange(interval, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Host_json_bounds_durable_concurrency()
    {
        using var document = ReadHostJson();
        var durable = document.RootElement.GetProperty("extensions").GetProperty("durableTask");

        Assert.InRange(durable.GetProperty("maxConcurrentActivityFunctions").GetInt32(), 1, 100);
        Assert.InRange(durable.GetProperty("maxConcurrentOrchestratorFunctions").GetInt32(), 1, 100);
    }

    [Fact]
    public void Host_json_configures_logging()
    {
        using var document = ReadHostJson();
        var logging = document.RootElement.GetProperty("logging");

        Assert.Equal(JsonValueKind.Object, logging.GetProperty("applicationInsights").GetProperty("samplingSettings").ValueKind);
        var levels = logging.GetProperty("logLevel");
        Assert.Equal("Information", levels.GetProperty("default").GetString());
        Assert.Equal("Warning", levels.GetProperty("DurableTask.AzureStorage").GetString());
        Assert.Equal("Warning", levels.GetProperty("DurableTask.Core").GetString());
        Assert.True(levels.TryGetProperty("Host.Results", out _), "logLevel must set Host.Results.");
        Assert.True(levels.TryGetProperty("Function", out _), "logLevel must set Function.");
    }
}
