namespace EvalReports.Summaries;

/// <summary>The upstream per-category format: "&lt;category&gt;\n…\n&lt;/category&gt;", sections separated by a blank line.</summary>
public static class CategorySections
{
    public static string Section(string category, string body) => $"<{category}>\n{body}\n</{category}>";

    public static string Join(IEnumerable<string> sections) => string.Join("\n\n", sections);
}
