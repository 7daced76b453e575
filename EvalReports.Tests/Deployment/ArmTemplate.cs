using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace EvalReports.Tests.Deployment;

/// <summary>One resource in the compiled ARM JSON, with the (possibly nested) template that declares it.</summary>
internal sealed record ArmResource(JsonElement Element, JsonElement Template)
{
    public string Type => Element.GetProperty("type").GetString()!;

    public string Name => Element.GetProperty("name").GetString()!;

    public JsonElement Properties => ArmTemplate.Get(Element, "properties");

    /// <summary>
    /// Resolves a whole-string <c>[variables('x')]</c> reference against the declaring template's variables
    /// (once; nested references are resolved recursively). Any other value is returned as is.
    /// </summary>
    public string? Resolve(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return value.ToString();
        }

        var text = value.GetString();
        var match = ArmTemplate.VariableReference().Match(text ?? "");
        if (match.Success && Template.TryGetProperty("variables", out var variables)
            && variables.TryGetProperty(match.Groups[1].Value, out var variable))
        {
            return Resolve(variable);
        }

        return text;
    }
}

/// <summary>
/// The compiled main template (from <c>bicep build --stdout</c>). Modules compile into nested
/// <c>Microsoft.Resources/deployments</c> templates, so resources are found by walking the whole tree.
/// </summary>
internal static partial class ArmTemplate
{
    private static readonly Lazy<JsonDocument> LazyMain = new(() =>
    {
        var build = BicepCli.MainBuild;
        Assert.True(build.ExitCode == 0, build.Describe());
        return JsonDocument.Parse(build.StandardOutput);
    });

    /// <summary>Root of the compiled main template; skips/fails like <see cref="BicepCli.RequireBinary"/>.</summary>
    public static JsonElement Main
    {
        get
        {
            BicepCli.RequireBinary();
            return LazyMain.Value.RootElement;
        }
    }

    [GeneratedRegex(@"^\[variables\('([^']+)'\)\]$")]
    internal static partial Regex VariableReference();

    public static IReadOnlyList<ArmResource> AllResources(JsonElement root)
    {
        var found = new List<ArmResource>();
        Walk(root, root, found);
        return found;
    }

    public static IReadOnlyList<ArmResource> ResourcesOfType(JsonElement root, string type) =>
        AllResources(root).Where(r => string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase)).ToList();

    public static ArmResource Single(JsonElement root, string type)
    {
        var matches = ResourcesOfType(root, type);
        Assert.True(matches.Count == 1, $"Expected exactly one {type}, found {matches.Count}.");
        return matches[0];
    }

    /// <summary>Case-insensitive property lookup (ARM property names are case-insensitive).</summary>
    public static JsonElement Get(JsonElement element, string name)
    {
        Assert.Equal(JsonValueKind.Object, element.ValueKind);
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        Assert.Fail($"Property '{name}' not found in {Truncate(element.ToString())}");
        return default;
    }

    public static bool TryGet(JsonElement element, string name, out JsonElement value)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    value = property.Value;
                    return true;
                }
            }
        }

        value = default;
        return false;
    }

    /// <summary>Follows a path of property names, case-insensitively.</summary>
    public static JsonElement Path(JsonElement element, params string[] names) =>
        names.Aggregate(element, Get);

    private static void Walk(JsonElement element, JsonElement template, List<ArmResource> found)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                // A (nested) deployment template: its resources resolve variables against it.
                if (element.TryGetProperty("contentVersion", out _) && element.TryGetProperty("resources", out _))
                {
                    template = element;
                }

                if (element.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
                    && element.TryGetProperty("apiVersion", out _) && element.TryGetProperty("name", out _))
                {
                    found.Add(new ArmResource(element, template));
                }

                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, template, found);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, template, found);
                }

                break;
        }
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
