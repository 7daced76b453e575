using EvalReports.Auth;
using EvalReports.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EvalReports.Tests.Bounds;

/// <summary>The development key works only locally, against an emulator, and only when it is long enough.</summary>
public sealed class DevApiKeyTests
{
    private static readonly EvalReportsSettings Local = new() { TablesConnectionString = "UseDevelopmentStorage=true", DevApiKey = TestKeys.DevKey };

    [Fact]
    public void The_app_refuses_to_start_with_a_dev_key_in_azure()
    {
        var problem = DevApiKey.Problem(Local, websiteInstanceId: "a1b2c3");
        Assert.Contains("EVALREPORTS_DEV_API_KEY", problem);
        Assert.Contains("WEBSITE_INSTANCE_ID", problem);
    }

    [Fact]
    public void The_app_refuses_to_start_with_a_dev_key_against_a_storage_service_uri()
    {
        var settings = Local with { TablesConnectionString = null, TablesServiceUri = new Uri("https://account.table.core.windows.net") };
        var e = Assert.Throws<OptionsValidationException>(() => new ServiceCollection().AddEvalReports(settings));
        Assert.Contains("EVALREPORTS_DEV_API_KEY", e.Message);
        Assert.Contains("EVALREPORTS_TABLES_SERVICE_URI", e.Message);
    }

    [Theory]
    [InlineData("dev-local-key-change-me")] // the old sample default, 23 characters
    [InlineData("0123456789abcdef0123456789abcde")] // 31
    public void A_dev_key_shorter_than_32_characters_stops_the_app(string key)
    {
        var e = Assert.Throws<OptionsValidationException>(() => new ServiceCollection().AddEvalReports(Local with { DevApiKey = key }));
        Assert.Contains("EVALREPORTS_DEV_API_KEY", e.Message);
        Assert.Contains("32", e.Message);
    }

    [Fact]
    public void A_long_dev_key_locally_and_no_dev_key_in_azure_both_start()
    {
        Assert.Null(DevApiKey.Problem(Local with { DevApiKey = new string('k', 32) }, websiteInstanceId: null));
        Assert.Null(DevApiKey.Problem(Local with { DevApiKey = null, TablesServiceUri = new Uri("https://a.table.core.windows.net") }, websiteInstanceId: "a1b2c3"));
        Assert.True(TestKeys.DevKey.Length >= DevApiKey.MinLength);
    }
}
