using System.Diagnostics;

namespace EvalReports.Benchmarks;

/// <summary>Runs this benchmark again as a child process (so a scenario's peak memory is its own) and returns its last output line.</summary>
public static class ChildProcess
{
    public static async Task<string> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var self = Environment.ProcessPath!;
        start.FileName = self;
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        }

        foreach (var (name, value) in env ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var child = Process.Start(start)!;
        var stdout = child.StandardOutput.ReadToEndAsync();
        var stderr = child.StandardError.ReadToEndAsync();
        await child.WaitForExitAsync();
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"Child {string.Join(' ', start.ArgumentList)} failed ({child.ExitCode}): {await stderr}{await stdout}");
        }

        return (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries).Last();
    }
}
