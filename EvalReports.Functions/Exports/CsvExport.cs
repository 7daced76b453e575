using System.Text;

namespace EvalReports.Exports;

/// <summary>
/// One row per scored response, RFC 4180: CRLF line ends, fields with a comma, quote or line break quoted, quotes
/// doubled. A cell starting with = + - @ (or a tab / carriage return) gets a leading apostrophe, so a spreadsheet
/// shows it as text instead of running it as a formula (OWASP "CSV injection").
/// </summary>
public static class CsvExport
{
    public static readonly string[] Header =
        ["eval_run_uuid", "run", "prompt_uuid", "response_uuid", "prompt", "category", "passed", "refused", "explanation", "response"];

    public static async Task WriteAsync(ExportSource source, Stream output, CancellationToken ct)
    {
        using var buffer = new ExportBuffer(output);
        await using var text = new StreamWriter(buffer.Stream, new UTF8Encoding(false), leaveOpen: true);
        WriteRow(text, Header);
        foreach (var run in source.Report.EvalRunReports)
        {
            var name = ExportSource.RunName(run);
            await foreach (var row in source.ScoredRows(run, ct))
            {
                WriteRow(text, [
                    run.EvalRunUuid, name, row.Response.PromptUuid, row.Response.ResponseUuid, row.PromptText, row.Category,
                    row.Passed ? "true" : "false", row.Refused ? "true" : "false", row.Response.Explanation, row.ResponseText,
                ]);
                await buffer.PumpAsync(text.Flush, ct);
            }
        }

        await buffer.PumpAsync(text.Flush, ct, force: true);
    }

    public static string Cell(string? value)
    {
        var text = value ?? "";
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }

        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
    }

    private static void WriteRow(TextWriter text, IReadOnlyList<string?> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                text.Write(',');
            }

            text.Write(Cell(cells[i]));
        }

        text.Write("\r\n");
    }
}
