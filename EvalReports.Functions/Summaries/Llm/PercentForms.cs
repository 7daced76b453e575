using System.Globalization;

namespace EvalReports.Summaries.Llm;

/// <summary>
/// The ways a model may write a computed percentage: as the facts give it (one decimal) or rounded to a whole number.
/// </summary>
internal sealed class PercentForms
{
    private readonly HashSet<string> forms = new(StringComparer.Ordinal);

    public IReadOnlySet<string> All => forms;

    public void Add(int part, int whole)
    {
        foreach (var form in Of(part, whole)) forms.Add(form);
    }

    public static IEnumerable<string> Of(int part, int whole)
    {
        var exact = Percent.Of(part, whole);
        yield return exact.ToString("0.#", CultureInfo.InvariantCulture);
        yield return Math.Round(exact, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture);
    }
}
