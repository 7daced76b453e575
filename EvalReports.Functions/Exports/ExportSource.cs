using EvalReports.Contracts;

namespace EvalReports.Exports;

/// <summary>What every export writer reads: the report (texts, stats, comparisons) and, per run, its scored responses streamed.</summary>
public sealed class ExportSource(
    EvalSuiteReport report,
    Func<EvalRunReport, CancellationToken, IAsyncEnumerable<ExportRow>> scoredRows,
    Func<EvalRunReport, CancellationToken, Task<bool>>? responsesKept = null)
{
    /// <summary>Failing examples shown per run in the Markdown and HTML views; the CSV, JUnit and JSONL exports have them all.</summary>
    public const int ExamplesPerRun = 25;

    public EvalSuiteReport Report { get; } = report;

    /// <summary>The run's scored responses (not excluded, with a verdict) in import order.</summary>
    public IAsyncEnumerable<ExportRow> ScoredRows(EvalRunReport run, CancellationToken ct) => scoredRows(run, ct);

    /// <summary>False when the run was deleted after the report was made: its counts remain, its responses do not.</summary>
    public Task<bool> ResponsesKeptAsync(EvalRunReport run, CancellationToken ct) => responsesKept?.Invoke(run, ct) ?? Task.FromResult(true);

    public async Task<List<ExportRow>> FailingExamplesAsync(EvalRunReport run, CancellationToken ct)
    {
        var examples = new List<ExportRow>(ExamplesPerRun);
        await foreach (var row in ScoredRows(run, ct))
        {
            if (!row.Passed)
            {
                examples.Add(row);
                if (examples.Count == ExamplesPerRun)
                {
                    break;
                }
            }
        }

        return examples;
    }

    /// <summary>The name the summaries use for the run: its name, else its eval's, else its uuid.</summary>
    public static string RunName(EvalRunReport run) => Summaries.RunAnalysis.NameOf(run.EvalRun);

    /// <summary>At most <paramref name="max"/> characters, cut at a word where one is near.</summary>
    public static string Truncate(string? text, int max)
    {
        if (string.IsNullOrEmpty(text) || text.Length <= max)
        {
            return text ?? "";
        }

        var cut = text.LastIndexOf(' ', max - 1, Math.Min(max - 1, 40));
        return text[..(cut > 0 ? cut : max - 1)].TrimEnd() + "…";
    }
}
