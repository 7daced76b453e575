using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace EvalReports.Tests.Deployment;

/// <summary>
/// Offline JSON Schema validation of the repo's config files against the copies in shared/schemas.
/// JsonSchema.Net implements draft-06 and later; the two SchemaStore files declare draft-04, so they are
/// built with a draft-04 dialect registered locally on top of draft-06 keywords (the two drafts agree for
/// every keyword those files use: they use no boolean exclusiveMinimum/Maximum).
/// </summary>
internal static partial class SchemaValidation
{
    private static readonly Uri Draft04Id = new("http://json-schema.org/draft-04/schema#");

    /// <summary>Loads a schema file; <paramref name="transform"/> may rewrite a copy in memory (never the file).</summary>
    public static JsonSchema Load(string schemaPath, Action<JsonObject>? transform = null)
    {
        var node = JsonNode.Parse(File.ReadAllText(schemaPath))?.AsObject()
            ?? throw new InvalidOperationException($"{schemaPath} is not a JSON object.");
        transform?.Invoke(node);

        var options = new BuildOptions
        {
            SchemaRegistry = new SchemaRegistry(),
            DialectRegistry = new DialectRegistry(),
        };
        options.DialectRegistry.Register(
            Dialect.Draft06.With([], Draft04Id, refIgnoresSiblingKeywords: true, allowUnknownKeywords: true));

        // No network here: remote $refs (azure.yaml.json's AI-host sub-schemas, used only inside if/then
        // branches for those hosts) are registered as empty schemas so that evaluation never tries to fetch
        // them. Files that use such a host are not fully validated; the tests assert ours use none.
        foreach (var remote in RemoteRefs(node))
        {
            using var stub = JsonDocument.Parse("{}");
            options.SchemaRegistry.Register(remote, JsonSchema.Build(stub.RootElement.Clone(), options, remote));
        }

        using var document = JsonDocument.Parse(node.ToJsonString());
        var baseUri = new Uri(Path.GetFullPath(schemaPath));
        return JsonSchema.Build(document.RootElement.Clone(), options, baseUri);
    }

    /// <summary>Absolute http(s) documents referenced by <c>$ref</c> anywhere in a schema (fragments dropped).</summary>
    public static IReadOnlyCollection<Uri> RemoteRefs(JsonNode? schema)
    {
        var found = new HashSet<Uri>();
        void Visit(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (key, value) in obj)
                    {
                        if (key == "$ref" && value is JsonValue refValue && refValue.TryGetValue<string>(out var reference)
                            && Uri.TryCreate(reference, UriKind.Absolute, out var uri)
                            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
                        {
                            found.Add(new Uri(uri.GetLeftPart(UriPartial.Query)));
                        }

                        Visit(value);
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        Visit(item);
                    }

                    break;
            }
        }

        Visit(schema);
        return found;
    }

    /// <summary>
    /// Loads a schema and replaces its root with a reference to one of its own definitions
    /// (e.g. host.json's <c>version-2-ext-5</c>), keeping <c>definitions</c> so internal refs resolve.
    /// </summary>
    public static JsonSchema LoadDefinition(string schemaPath, string definitionName) =>
        Load(schemaPath, root =>
        {
            Assert.True(root["definitions"]?[definitionName] is JsonObject, $"{schemaPath} has no definition '{definitionName}'.");
            root.Remove("oneOf");
            root.Remove("anyOf");
            root.Remove("type");
            root["allOf"] = new JsonArray(new JsonObject { ["$ref"] = $"#/definitions/{definitionName}" });
        });

    public static EvaluationResults Evaluate(JsonSchema schema, JsonElement instance) =>
        schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });

    public static void AssertValid(JsonSchema schema, JsonElement instance, string what)
    {
        var results = Evaluate(schema, instance);
        Assert.True(results.IsValid, $"{what} does not validate:{Environment.NewLine}{Describe(results)}");
    }

    public static string Describe(EvaluationResults results)
    {
        var text = new StringBuilder();
        void Visit(EvaluationResults node)
        {
            // "if" sub-schemas fail by design whenever their branch does not apply; they are not errors.
            var isConditionProbe = node.EvaluationPath.ToString().Contains("/if", StringComparison.Ordinal);
            if (!node.IsValid && !isConditionProbe && node.Errors is { Count: > 0 } errors)
            {
                foreach (var (keyword, message) in errors)
                {
                    text.AppendLine(CultureInfo.InvariantCulture,
                        $"  at '{node.InstanceLocation}' ({node.EvaluationPath}) {keyword}: {message}");
                }
            }

            foreach (var child in node.Details ?? [])
            {
                Visit(child);
            }
        }

        Visit(results);
        return text.Length == 0 ? "  (no error details)" : text.ToString();
    }

    public static JsonDocument ReadJson(string path) =>
        JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });

    /// <summary>
    /// Parses a single-document YAML file into JSON. Plain (unquoted) scalars are typed per the YAML 1.2 core
    /// schema (null, booleans, integers, floats); every quoted or block scalar stays a string.
    /// </summary>
    public static JsonDocument ReadYamlAsJson(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        Assert.Single(stream.Documents);
        var node = ToJsonNode(stream.Documents[0].RootNode);
        return JsonDocument.Parse(node?.ToJsonString() ?? "null");
    }

    private static JsonNode? ToJsonNode(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (key, value) in mapping.Children)
                {
                    var name = key is YamlScalarNode scalarKey
                        ? scalarKey.Value ?? ""
                        : throw new InvalidOperationException($"Unsupported non-scalar YAML key at {key.Start}.");
                    obj[name] = ToJsonNode(value);
                }

                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                foreach (var item in sequence.Children)
                {
                    array.Add(ToJsonNode(item));
                }

                return array;
            case YamlScalarNode scalar:
                return ScalarToJson(scalar);
            default:
                throw new InvalidOperationException($"Unsupported YAML node {node.NodeType} at {node.Start}.");
        }
    }

    private static JsonNode? ScalarToJson(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style != YamlDotNet.Core.ScalarStyle.Plain)
        {
            return JsonValue.Create(value);
        }

        if (value is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (value is "true" or "True" or "TRUE")
        {
            return JsonValue.Create(true);
        }

        if (value is "false" or "False" or "FALSE")
        {
            return JsonValue.Create(false);
        }

        if (IntegerPattern().IsMatch(value) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (FloatPattern().IsMatch(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return JsonValue.Create(number);
        }

        return JsonValue.Create(value);
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
