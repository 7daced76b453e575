using System.Runtime.CompilerServices;

namespace EvalReports.Tests.Deployment;

/// <summary>
/// Locates the repository root from this source file's location (not from the build output folder),
/// so the deployment tests work from any build directory. The root is the nearest ancestor folder
/// that holds <c>azure.yaml</c>; the shared schemas live in <c>&lt;root&gt;/../shared/schemas</c>.
/// </summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(() => FindRoot(SourceFilePath()));

    public static string Root => LazyRoot.Value;

    public static string SchemasDirectory => Path.GetFullPath(Path.Combine(Root, "..", "shared", "schemas"));

    public static string InRepo(params string[] relativeParts) => Path.Combine([Root, .. relativeParts]);

    /// <summary>
    /// A third-party schema from <c>../shared/schemas</c>. That folder exists on the team's machines and in CI, not in
    /// a user's clone: the calling test (a SkippableFact/SkippableTheory) is skipped when it is absent, and fails when CI=true.
    /// </summary>
    public static string Schema(string fileName)
    {
        var path = Path.Combine(SchemasDirectory, fileName);
        if (!File.Exists(path))
        {
            var reason = $"{fileName} is not in ../shared/schemas (the team's shared folder, absent from a plain clone)";
            Xunit.Assert.False(BicepCli.IsCi, $"CI=true but {reason}.");
            Xunit.Skip.If(true, $"Skipped: {reason}.");
        }

        return path;
    }

    private static string SourceFilePath([CallerFilePath] string path = "") => path;

    private static string FindRoot(string sourceFile)
    {
        var directory = Path.GetDirectoryName(sourceFile);
        while (!string.IsNullOrEmpty(directory))
        {
            if (File.Exists(Path.Combine(directory, "azure.yaml")))
            {
                return directory;
            }

            directory = Path.GetDirectoryName(directory);
        }

        throw new InvalidOperationException(
            $"Could not find the repository root (a folder holding azure.yaml) above '{sourceFile}'.");
    }
}
