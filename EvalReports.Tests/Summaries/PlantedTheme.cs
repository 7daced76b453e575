namespace EvalReports.Tests.Summaries;

/// <summary>
/// A theme planted in test data: prompts, responses and scorer explanations written in varied wording around one subject.
/// Explanations are "opener + core + tail", so two members of the theme may share only a word or two.
/// </summary>
public sealed record PlantedTheme(
    string Key,
    IReadOnlyList<string> Prompts,
    IReadOnlyList<string> Contents,
    IReadOnlyList<string> Openers,
    IReadOnlyList<string> Cores,
    IReadOnlyList<string> Tails,
    IReadOnlyList<string> LabelWords)
{
    private static readonly string[] EnglishOpeners = ["The response", "The AI", "This reply", "The assistant", "Here the AI"];

    public static PlantedTheme English(string key, string[] prompts, string[] contents, string[] cores, string[] tails, string[] labelWords) =>
        new(key, prompts, contents, EnglishOpeners, cores, tails, labelWords);

    public string Explanation(Random random)
    {
        var opener = Openers[random.Next(Openers.Count)];
        var core = Cores[random.Next(Cores.Count)];
        var tail = Tails[random.Next(Tails.Count)];
        return tail.Length == 0 ? $"{opener} {core}." : $"{opener} {core}. {tail}";
    }

    /// <summary>A prompt and the matching response content ("{n}" in a prompt becomes the serial number).</summary>
    public (string Prompt, string Content) Exchange(Random random, int serial)
    {
        var k = random.Next(Prompts.Count);
        var prompt = Prompts[k].Replace("{n}", serial.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        return (prompt, Contents[k % Contents.Count].Replace("{n}", serial.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }
}
