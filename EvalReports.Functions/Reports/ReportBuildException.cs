namespace EvalReports.Reports;

/// <summary>A report cannot be built, for a reason the user should read (it becomes the report's error).</summary>
public sealed class ReportBuildException(string message) : Exception(message);
