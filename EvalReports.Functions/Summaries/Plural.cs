using System.Globalization;

namespace EvalReports.Summaries;

/// <summary>Counts with the right English noun form ("1 response", "2 responses").</summary>
internal static class Plural
{
    public static string Count(int count, string singular, string? plural = null) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + Noun(count, singular, plural);

    public static string Noun(int count, string singular, string? plural = null) =>
        count == 1 ? singular : plural ?? singular + "s";

    /// <summary>"was" / "were".</summary>
    public static string Was(int count) => count == 1 ? "was" : "were";

    /// <summary>"is" / "are".</summary>
    public static string Is(int count) => count == 1 ? "is" : "are";

    public static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);
}
