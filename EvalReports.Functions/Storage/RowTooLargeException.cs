namespace EvalReports.Storage;

/// <summary>
/// A row would exceed what Table Storage holds (1 MiB per entity, 14 × 32,000 characters per text here). Writing it
/// again cannot succeed, so callers treat it as final (a build activity turns it into a ReportBuildException).
/// </summary>
public sealed class RowTooLargeException(string message) : Exception(message);
