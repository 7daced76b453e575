namespace EvalReports.Reports;

/// <summary>
/// An activity failed for a reason that may pass (storage, network, a bug hit by one input): it is retried, and if the
/// retries run out its message, naming only the activity and the exception type, becomes the report's error.
/// </summary>
public sealed class ActivityFailedException(string message) : Exception(message);
