using System.Text.Json;

namespace EvalReports.Exports;

/// <summary>The failing prompts as a regression set: one JSON object per line (prompt, category, explanation, run).</summary>
public static class JsonlExport
{
    public static async Task WriteAsync(ExportSource source, Stream output, CancellationToken ct)
    {
        using var buffer = new ExportBuffer(output);
        // Relaxed escaping keeps apostrophes and accents readable; the file is served as application/x-ndjson with nosniff,
        // never embedded in a page, and quotes and control characters are still escaped.
        await using var json = new Utf8JsonWriter(buffer.Stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        foreach (var run in source.Report.EvalRunReports)
        {
            var name = ExportSource.RunName(run);
            await foreach (var row in source.ScoredRows(run, ct))
            {
                if (row.Passed)
                {
                    continue;
                }

                json.WriteStartObject();
                json.WriteString("eval_run_uuid", run.EvalRunUuid);
                json.WriteString("run", name);
                json.WriteString("eval_uuid", run.EvalRun.EvalUuid);
                json.WriteString("prompt_uuid", row.Response.PromptUuid);
                json.WriteString("prompt", row.PromptText);
                json.WriteString("category", row.Category);
                json.WriteString("response", row.ResponseText);
                json.WriteString("explanation", row.Response.Explanation);
                json.WriteBoolean("refused", row.Refused);
                json.WriteEndObject();
                json.Flush();
                json.Reset();
                buffer.Stream.WriteByte((byte)'\n');
                await buffer.PumpAsync(() => { }, ct);
            }
        }

        await buffer.PumpAsync(json.Flush, ct, force: true);
    }
}
