using System.Runtime.CompilerServices;
using EvalReports.Auth;
using EvalReports.Contracts;
using EvalReports.Errors;
using EvalReports.Reports;
using EvalReports.Storage;
using Microsoft.DurableTask.Client;

namespace EvalReports.Exports;

/// <summary>
/// GET /v2/eval-reports/{id}/export: the report read as GET reads it (same key, same workspace isolation), then its
/// runs' responses streamed from storage one block at a time into the chosen writer.
/// </summary>
public sealed class ReportExports(ReportService reports, EvalRunStore runs)
{
    public async Task<ExportDocument> OpenAsync(
        Caller caller, string reportUuid, ExportFormat format, DurableTaskClient durable, CancellationToken ct)
    {
        var report = await reports.GetAsync(caller, reportUuid, includeResponses: false, durable, ct);
        return Open(caller.WorkspaceUuid, report, format);
    }

    public ExportDocument Open(string workspace, EvalSuiteReport report, ExportFormat format)
    {
        if (report.Status != ReportStatus.Finished)
        {
            throw ApiErrors.Conflict(
                $"The report is {report.Status}; only a finished report can be exported.",
                new Dictionary<string, object?> { ["status"] = report.Status });
        }

        var source = new ExportSource(report, (run, ct) => RowsAsync(workspace, run, ct), async (run, ct) => await runs.GetAsync(workspace, run.EvalRunUuid, ct) is not null);
        Func<ExportSource, Stream, CancellationToken, Task> writer = format switch
        {
            ExportFormat.Markdown => MarkdownExport.WriteAsync,
            ExportFormat.Html => HtmlExport.WriteAsync,
            ExportFormat.Csv => CsvExport.WriteAsync,
            ExportFormat.JUnit => JUnitExport.WriteAsync,
            _ => JsonlExport.WriteAsync,
        };
        var fileName = $"eval-suite-report-{report.EvalSuiteReportUuid}.{ExportFormats.Extension(format)}";
        return new ExportDocument(format, ExportFormats.ContentType(format), fileName, (stream, ct) => writer(source, stream, ct));
    }

    private async IAsyncEnumerable<ExportRow> RowsAsync(string workspace, EvalRunReport run, [EnumeratorCancellation] CancellationToken ct)
    {
        var stored = await runs.GetAsync(workspace, run.EvalRunUuid, ct);
        if (stored is null)
        {
            yield break; // deleted since the report was made: its texts and counts remain, its responses are gone
        }

        var categorized = run.Stats is { ByCategory.Count: > 0 };
        await using var prompts = new PromptLookup(() => runs.StreamPromptsAsync(stored, ct));
        await foreach (var response in runs.StreamResponsesAsync(stored, ct))
        {
            if (response is null || response.ExcludeFromScoring == true || response.IsPassed is null)
            {
                continue;
            }

            var prompt = await prompts.FindAsync(response.PromptUuid, ct);
            var category = string.IsNullOrWhiteSpace(prompt?.Category) ? categorized ? Stats.StatsCalculator.Uncategorized : null : prompt.Category;
            yield return new ExportRow(run, response, prompt?.Content, category);
        }
    }
}
