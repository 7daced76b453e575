using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EvalReports.Summaries.Llm;

/// <summary>
/// Wraps untrusted text (responses, explanations, prompts, names, a model's own notes) for a prompt. Every line is a
/// JSON value encoded with all HTML-sensitive characters escaped (&lt; → \u003C), so nothing inside can write the closing
/// tag; the tag also carries a random id the data cannot know. The system prompt tells the model that everything
/// between the tags is data to describe, never instructions.
/// </summary>
public sealed class UntrustedBlock
{
    public const string Tag = "untrusted_data";

    /// <summary>Keeps non-ASCII letters readable (Spanish, quotes) but escapes &lt; &gt; &amp; ' " + `.</summary>
    public static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) };

    private UntrustedBlock(string id) => Id = id;

    public string Id { get; }

    public string Open => $"<{Tag} id=\"{Id}\">";

    public string Close => $"</{Tag} id=\"{Id}\">";

    public static UntrustedBlock New() => new(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)));

    /// <summary>One JSON line for the block.</summary>
    public static string Line(JsonNode node) => node.ToJsonString(Json);

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
