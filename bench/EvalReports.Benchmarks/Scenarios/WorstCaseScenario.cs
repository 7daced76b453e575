using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EvalReports.Contracts;
using EvalReports.Summaries;

namespace EvalReports.Benchmarks.Scenarios;

/// <summary>
/// The worst run the import limits allow for the embedded summarizer (issue #14 item 1): one failing-only run whose
/// explanations are 60 random six-letter words each (a vocabulary that grows with the run), prompts and responses
/// short. Each size runs in a fresh process, so its peak resident memory (VmHWM) is its own. Budget: ≤ 10 s and
/// ≤ 500 MB peak for 20,000 responses.
/// </summary>
public static class WorstCaseScenario
{
    public sealed record Point(int Responses, double SummarizeMs, double CpuMs, long ResidentBeforeBytes, long PeakResidentBytes, int FailingTextChars);

    public static RunSummaryInput Input(int responses, int seed = 14)
    {
        var random = new Random(seed);
        var prompts = new List<EvalPrompt>(responses);
        var items = new List<ScoredResponse>(responses);
        var word = new char[6];
        var text = new StringBuilder(60 * 7);
        for (var i = 0; i < responses; i++)
        {
            text.Clear();
            for (var w = 0; w < 60; w++)
            {
                for (var c = 0; c < word.Length; c++) word[c] = (char)('a' + random.Next(26));
                if (w > 0) text.Append(' ');
                text.Append(word);
            }
            prompts.Add(new EvalPrompt { PromptUuid = $"w.p{i}", Content = $"Prompt {i}" });
            items.Add(new ScoredResponse
            {
                PromptUuid = $"w.p{i}",
                ResponseUuid = $"w.r{i}",
                Content = JsonValue.Create($"Response {i}"),
                IsPassed = false,
                Explanation = text.ToString(),
            });
        }
        var run = new EvalRunResult
        {
            EvalRunUuid = "worst-case-run",
            EvalUuid = "worst-case-eval",
            Name = "Worst case",
            WorkspaceUuid = "bench",
            Status = "finished",
            CreatedAt = DateTimeOffset.UnixEpoch,
            UpdatedAt = DateTimeOffset.UnixEpoch,
            Evaluation = new Eval { EvalType = "safety", AiInstructions = "Be safe." },
        };
        return new RunSummaryInput(run, prompts, items);
    }

    /// <summary>In the child: builds the run, then summarizes it once (with the default budget, as the activity does).</summary>
    public static Point RunPoint(int responses)
    {
        var input = Input(responses);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = Environment.WorkingSet;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var summary = new EmbeddedSummarizer().SummarizeRunAsync(input, CancellationToken.None).GetAwaiter().GetResult();
        watch.Stop();
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
        return new Point(responses, watch.Elapsed.TotalMilliseconds, cpuMs, before, PeakMemory.PeakResidentBytes(), summary.FailingResponsesSummary.Length);
    }

    /// <summary>In the parent: one child process per size.</summary>
    public static async Task<Point> RunChildAsync(int responses)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var self = Environment.ProcessPath!;
        start.FileName = self;
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(WorstCaseScenario).Assembly.Location);
        start.ArgumentList.Add("worst-case-point");
        start.ArgumentList.Add(responses.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var child = Process.Start(start)!;
        var stdout = child.StandardOutput.ReadToEndAsync();
        var stderr = child.StandardError.ReadToEndAsync();
        await child.WaitForExitAsync();
        if (child.ExitCode != 0) throw new InvalidOperationException($"Worst-case point {responses} failed ({child.ExitCode}): {await stderr}{await stdout}");
        return JsonSerializer.Deserialize<Point>((await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries).Last())!;
    }

    public static async Task PrintAsync(bool smoke)
    {
        Console.WriteLine("## Worst case for the embedded summarizer (20,000 failing responses × 60 random six-letter words; budget ≤ 10 s, ≤ 500 MB peak)");
        Console.WriteLine();
        Console.WriteLine("| responses | summarize s | CPU s | RSS before MB | peak RSS MB | within budget |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var size in smoke ? new[] { 200 } : new[] { 2_000, 5_000, 20_000 })
        {
            var p = await RunChildAsync(size);
            var ok = p.SummarizeMs <= 10_000 && p.PeakResidentBytes <= 500L * 1024 * 1024;
            Console.WriteLine($"| {p.Responses:N0} | {p.SummarizeMs / 1000:0.00} | {p.CpuMs / 1000:0.00} | {p.ResidentBeforeBytes / 1048576.0:0} | {p.PeakResidentBytes / 1048576.0:0} | {(ok ? "yes" : "**no**")} |");
        }
        Console.WriteLine();
    }
}
