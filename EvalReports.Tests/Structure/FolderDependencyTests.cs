using System.Text.RegularExpressions;
using EvalReports.Tests.Deployment;

namespace EvalReports.Tests.Structure;

/// <summary>
/// The app's folders depend on each other one way: read from the source, each folder's <c>using EvalReports.X;</c>
/// lines (and <c>X.Type</c> references qualified from the root namespace) are its edges, and the graph has no cycle.
/// Table storage knows nothing of HTTP, and every table store lives in Storage/.
/// </summary>
public sealed partial class FolderDependencyTests
{
    private static readonly string App = RepoPaths.InRepo("EvalReports.Functions");

    [Fact]
    public void No_two_folders_depend_on_each_other_directly_or_through_others()
    {
        var edges = Edges();
        var cycles = edges.Keys.SelectMany(from => edges[from].Where(to => Reaches(edges, to, from)).Select(to => $"{from} -> {to}")).ToList();

        Assert.True(cycles.Count == 0, "edges on a cycle: " + string.Join(", ", cycles));
    }

    [Fact]
    public void Storage_raises_no_http_errors()
    {
        var edges = Edges();

        Assert.DoesNotContain("Api", edges["Storage"]);
        Assert.DoesNotContain("Errors", edges["Storage"]);
        foreach (var file in SourceFiles("Storage"))
        {
            Assert.False(HttpError().IsMatch(File.ReadAllText(file)), $"{Path.GetFileName(file)} speaks HTTP");
        }
    }

    [Fact]
    public void Every_table_store_lives_in_storage()
    {
        var stores = Directory.EnumerateFiles(App, "*Store.cs", SearchOption.AllDirectories).Where(f => !IsBuildOutput(f));

        Assert.All(stores, store => Assert.Equal("Storage", FolderOf(store)));
    }

    private static Dictionary<string, HashSet<string>> Edges()
    {
        var folders = Directory.GetDirectories(App).Select(Path.GetFileName).Where(f => f is not ("bin" or "obj")).ToHashSet();
        var edges = folders.ToDictionary(f => f!, _ => new HashSet<string>());
        foreach (var folder in folders)
        {
            foreach (var file in SourceFiles(folder!))
            {
                var text = File.ReadAllText(file);
                var used = Using().Matches(text).Select(m => m.Groups[1].Value)
                    .Concat(Qualified().Matches(text).Select(m => m.Groups[1].Value).Where(folders.Contains));
                edges[folder!].UnionWith(used.Where(u => u != folder && folders.Contains(u)));
            }
        }

        return edges;
    }

    private static bool Reaches(Dictionary<string, HashSet<string>> edges, string from, string to)
    {
        var seen = new HashSet<string>();
        var next = new Stack<string>([from]);
        while (next.TryPop(out var folder))
        {
            if (folder == to)
            {
                return true;
            }

            if (seen.Add(folder))
            {
                foreach (var target in edges[folder])
                {
                    next.Push(target);
                }
            }
        }

        return false;
    }

    private static IEnumerable<string> SourceFiles(string folder) =>
        Directory.EnumerateFiles(Path.Combine(App, folder), "*.cs", SearchOption.AllDirectories).Where(f => !IsBuildOutput(f));

    private static bool IsBuildOutput(string path) =>
        path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") || path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}");

    private static string FolderOf(string path) => Path.GetRelativePath(App, path).Split(Path.DirectorySeparatorChar)[0];

    [GeneratedRegex(@"^using EvalReports\.(\w+)", RegexOptions.Multiline)]
    private static partial Regex Using();

    /// <summary><c>Stats.BaselineComparisons</c> or <c>EvalReports.Stats.BaselineComparisons</c> without a using.</summary>
    [GeneratedRegex(@"(?<![\w.])(?:EvalReports\.)?([A-Z]\w+)\.[A-Z]\w*(?:<[^>]*>)?\s*[\(>;\s]")]
    private static partial Regex Qualified();

    [GeneratedRegex(@"\bApiException\b|\bApiErrors\b|\bStatusCodes\.|\bIActionResult\b")]
    private static partial Regex HttpError();
}
