using EvalReports.Errors;

namespace EvalReports.Exports;

public enum ExportFormat
{
    Markdown,
    Html,
    Csv,
    JUnit,
    Jsonl,
}

public static class ExportFormats
{
    public static ExportFormat Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "markdown" or "md" => ExportFormat.Markdown,
        "html" => ExportFormat.Html,
        "csv" => ExportFormat.Csv,
        "junit" => ExportFormat.JUnit,
        "jsonl" => ExportFormat.Jsonl,
        _ => throw ApiErrors.InvalidRequest("format must be one of markdown, html, csv, junit, jsonl.", "format"),
    };

    public static string ContentType(ExportFormat format) => format switch
    {
        ExportFormat.Markdown => "text/markdown; charset=utf-8",
        ExportFormat.Html => "text/html; charset=utf-8",
        ExportFormat.Csv => "text/csv; charset=utf-8; header=present",
        ExportFormat.JUnit => "application/xml; charset=utf-8",
        _ => "application/x-ndjson; charset=utf-8",
    };

    public static string Extension(ExportFormat format) => format switch
    {
        ExportFormat.Markdown => "md",
        ExportFormat.Html => "html",
        ExportFormat.Csv => "csv",
        ExportFormat.JUnit => "junit.xml",
        _ => "jsonl",
    };
}
