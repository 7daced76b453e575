namespace EvalReports.Reports;

/// <summary>
/// A report cannot be built, for a reason the user should read (it becomes the report's error). Retrying cannot help
/// (a run was deleted, run reports are missing), so activities that throw it are not retried.
/// </summary>
public sealed class ReportBuildException(string message) : Exception(message);
