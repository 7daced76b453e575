using System.Diagnostics;
using System.Text.RegularExpressions;
using Xunit;

namespace EvalReports.Tests.Deployment;

/// <summary>Result of one Bicep CLI invocation.</summary>
internal sealed record BicepRun(string Command, int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Warning/Error diagnostics ("file(line,col) : Warning rule: message") from stderr and stdout.</summary>
    public IReadOnlyList<string> Diagnostics(bool includeStandardOutput) =>
        (includeStandardOutput ? StandardError + "\n" + StandardOutput : StandardError)
            .Split('\n')
            .Select(line => line.TrimEnd('\r'))
            .Where(line => BicepCli.DiagnosticPattern().IsMatch(line))
            .ToList();

    public string Describe() =>
        $"`{Command}` exited {ExitCode}.{Environment.NewLine}stderr:{Environment.NewLine}{StandardError}";
}

/// <summary>
/// Finds and runs the Bicep CLI. Lookup order: env BICEP_PATH, then &lt;repo&gt;/.tools/bicep (what
/// .ci/install-bicep.sh installs), then <c>bicep</c> on PATH. When it is absent the calling test is skipped
/// locally, but fails when CI=true, because CI must install it.
/// </summary>
internal static partial class BicepCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    private static readonly Lazy<BicepRun> LazyMainBuild = new(() => Run(RequireBinary(), "build", MainBicepPath, "--stdout"));

    private static readonly Lazy<BicepRun> LazyMainLint = new(() => Run(RequireBinary(), "lint", MainBicepPath));

    public static string MainBicepPath => RepoPaths.InRepo("infra", "main.bicep");

    public static bool IsCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary><c>bicep build infra/main.bicep --stdout</c>, run once per test run.</summary>
    public static BicepRun MainBuild => LazyMainBuild.Value;

    /// <summary><c>bicep lint infra/main.bicep</c>, run once per test run.</summary>
    public static BicepRun MainLint => LazyMainLint.Value;

    [GeneratedRegex(@"\)\s*:\s*(Warning|Error)\s+[A-Za-z0-9_.-]+\s*:")]
    internal static partial Regex DiagnosticPattern();

    public static string? FindBinary()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("BICEP_PATH");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            Assert.True(File.Exists(fromEnvironment), $"BICEP_PATH is set to '{fromEnvironment}', which does not exist.");
            return fromEnvironment;
        }

        var installed = RepoPaths.InRepo(".tools", OperatingSystem.IsWindows() ? "bicep.exe" : "bicep");
        if (File.Exists(installed))
        {
            return installed;
        }

        var fileName = OperatingSystem.IsWindows() ? "bicep.exe" : "bicep";
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, fileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Returns the binary's path; skips the test when absent (fails instead when CI=true).</summary>
    public static string RequireBinary()
    {
        var binary = FindBinary();
        if (binary is null)
        {
            const string hint = "the Bicep CLI was not found (BICEP_PATH, <repo>/.tools/bicep, PATH); run .ci/install-bicep.sh";
            Assert.False(IsCi, $"CI=true but {hint}.");
            Skip.If(true, $"Skipped: {hint}.");
        }

        return binary!;
    }

    public static BicepRun Run(string binary, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var shownArguments = arguments.Select(a => Path.IsPathRooted(a) ? Path.GetRelativePath(RepoPaths.Root, a) : a);
        var command = string.Join(' ', [Path.GetFileName(binary), .. shownArguments]);
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {binary}.");
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{command}` did not finish within {Timeout}.");
        }

        process.WaitForExit();
        return new BicepRun(command, process.ExitCode, standardOutput.GetAwaiter().GetResult(), standardError.GetAwaiter().GetResult());
    }
}
