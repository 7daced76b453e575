using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace EvalReports.Tests.Deployment;

public class LocalSettingsTests
{
    private static JsonDocument ReadSample() => SchemaValidation.ReadJson(RepoPaths.InRepo("local.settings.sample.json"));

    [SkippableFact]
    public void The_local_settings_sample_validates_against_its_schema()
    {
        using var document = ReadSample();
        var schema = SchemaValidation.Load(RepoPaths.Schema("local.settings.schema.json"));

        SchemaValidation.AssertValid(schema, document.RootElement, "local.settings.sample.json");
        Assert.False(document.RootElement.GetProperty("IsEncrypted").GetBoolean());
    }

    [Fact]
    public void The_local_settings_sample_contains_every_expected_setting()
    {
        using var document = ReadSample();
        var values = document.RootElement.GetProperty("Values");

        var missing = ExpectedSettings.Names.Where(name => !values.TryGetProperty(name, out _)).ToList();

        Assert.True(missing.Count == 0, "local.settings.sample.json is missing: " + string.Join(", ", missing));
    }

    [Fact]
    public void The_local_settings_sample_uses_local_defaults()
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
    public void The_local_settings_sample_s_values_are_strings_with_valid_names()
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

/// <summary>The sample settings file keeps up with the code: every setting name the app reads is listed.</summary>
public sealed class SettingsInCodeTests
{
    [Fact]
    public void Every_setting_the_app_reads_is_in_the_sample_settings()
    {
        var functions = Path.Combine(RepoPaths.Root, "EvalReports.Functions");
        var namesInCode = Directory.EnumerateFiles(functions, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Where(f => Path.GetFileName(f) != "RetiredSettings.cs") // the names the app refuses, not reads
            .SelectMany(f => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(f), "\"(EVALREPORTS_[A-Z_]+)\"").Select(m => m.Groups[1].Value))
            .Distinct()
            .ToList();

        Assert.NotEmpty(namesInCode);
        Assert.All(namesInCode, name => Assert.Contains(name, ExpectedSettings.Names));
    }

    [Fact]
    public void The_sample_settings_hold_exactly_the_app_settings_the_app_binds()
    {
        var bound = typeof(EvalReportsSettings).GetProperties()
            .Select(p => p.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name).OfType<string>().Order(StringComparer.Ordinal);
        var inSample = ExpectedSettings.Names.Where(n => n.StartsWith("EVALREPORTS_", StringComparison.Ordinal)).Order(StringComparer.Ordinal);

        Assert.Equal(inSample, bound);
    }
}
