using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EvalReports.Summaries.Llm;

/// <summary>
/// Wraps untrusted text (responses, explanations, prompts, names, a model's own notes) for a prompt. Every line is a
/// JSON value with &lt; and &gt; escaped (\u003C, \u003E), so nothing inside can write a tag, let alone the closing
/// one; the tag also carries a random id the data cannot know. The system prompt tells the model that everything
/// between the tags is data to describe, never instructions.
/// </summary>
public sealed class UntrustedBlock
{
    public const string Tag = "untrusted_data";

    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions Indented = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true };

    private UntrustedBlock(string id) => Id = id;

    public string Id { get; }

    public string Open => $"<{Tag} id=\"{Id}\">";

    public string Close => $"</{Tag} id=\"{Id}\">";

    public static UntrustedBlock New() => new(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)));

    /// <summary>One JSON line for the block.</summary>
    public static string Line(JsonNode node) => Encode(node, indented: false);

    /// <summary>
    /// JSON that stays readable (letters, apostrophes and quotes as they are, apart from the usual \") with every
    /// &lt; and &gt; escaped. Valid JSON: those two characters can only occur inside strings.
    /// </summary>
    public static string Encode(JsonNode node, bool indented) =>
        node.ToJsonString(indented ? Indented : Compact).Replace("<", "\\u003C", StringComparison.Ordinal).Replace(">", "\\u003E", StringComparison.Ordinal);

    public string Wrap(IEnumerable<string> jsonLines)
    {
        var text = new StringBuilder(Open).Append('\n');
        foreach (var line in jsonLines)
        {
            text.Append(line).Append('\n');
        }

        return text.Append(Close).ToString();
    }
}
