namespace EvalReports.Exports;

/// <summary>An export ready to be streamed: what it is, what to call it, and how to write it.</summary>
public sealed record ExportDocument(ExportFormat Format, string ContentType, string FileName, Func<Stream, CancellationToken, Task> WriteAsync);
