using System.Text.Json;
using Xunit;

namespace EvalReports.Tests.Deployment;

public class LocalSettingsTests
{
    private static JsonDocument ReadSample() => SchemaValidation.ReadJson(RepoPaths.InRepo("local.settings.sample.json"));

    [Fact]
    public void LocalSettingsSample_ValidatesAgainstSchema()
    {
        using var document = ReadSample();
        var schema = SchemaValidation.Load(RepoPaths.Schema("local.settings.schema.json"));

        SchemaValidation.AssertValid(schema, document.RootElement, "local.settings.sample.json");
        Assert.False(document.RootElement.GetProperty("IsEncrypted").GetBoolean());
    }

    [Fact]
    public void LocalSettingsSample_ContainsEveryExpectedSetting()
    {
        using var document = ReadSample();
        var values = document.RootElement.GetProperty("Values");

        var missing = ExpectedSettings.Names.Where(name => !values.TryGetProperty(name, out _)).ToList();

        Assert.True(missing.Count == 0, "local.settings.sample.json is missing: " + string.Join(", ", missing));
    }

    [Fact]
    public void LocalSettingsSample_UsesLocalDefaults()
    {
        using var document = ReadSample();
        var values = document.RootElement.GetProperty("Values");

        Assert.Equal(ExpectedSettings.Names.Order(StringComparer.Ordinal), ExpectedSettings.LocalDefaults.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, expected) in ExpectedSettings.LocalDefaults)
        {
            Assert.Equal(expected, values.GetProperty(name).GetString());
        }
    }

    [Fact]
    public void LocalSettingsSample_ValuesAreStringsWithValidNames()
    {
        using var document = ReadSample();

        foreach (var setting in document.RootElement.GetProperty("Values").EnumerateObject())
        {
            Assert.Equal(JsonValueKind.String, setting.Value.ValueKind);
            Assert.DoesNotContain(":", setting.Name, StringComparison.Ordinal);
            Assert.DoesNotContain("__", setting.Name, StringComparison.Ordinal);
        }
    }
}
