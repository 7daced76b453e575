using System.Globalization;

namespace EvalReports.Summaries;

/// <summary>
/// The one rounding rule for every percentage in a summary, so tests (and readers) can recompute them:
/// <c>Math.Round(part * 100.0 / whole, 1, MidpointRounding.AwayFromZero)</c>, formatted "0.#" in the invariant culture
/// (e.g. 31 of 40 → "77.5", 1 of 3 → "33.3", 1 of 16 → "6.3", 40 of 40 → "100"). A zero whole gives "0".
/// </summary>
public static class Percent
{
    public static double Of(int part, int whole) =>
        whole == 0 ? 0 : Math.Round(part * 100.0 / whole, 1, MidpointRounding.AwayFromZero);

    public static string Format(int part, int whole) =>
        Of(part, whole).ToString("0.#", CultureInfo.InvariantCulture);
}
