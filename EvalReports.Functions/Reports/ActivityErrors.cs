using EvalReports.Logging;
using Microsoft.Extensions.Logging;

namespace EvalReports.Reports;

/// <summary>
/// Unexpected activity failures leave the worker as an <see cref="ActivityFailedException"/> naming only the activity and the
/// exception type: the host logs an activity's exception message and the orchestration keeps it in its history,
/// and an unexpected exception's message may quote a response or a prompt.
/// </summary>
public static class ActivityErrors
{
    public static async Task<T> GuardAsync<T>(string activity, ILogger logger, Func<Task<T>> run)
    {
        try
        {
            return await run();
        }
        catch (Exception e) when (e is not (ReportBuildException or OperationCanceledException))
        {
            logger.LogWarning("Activity {Activity} failed: {Exception}", activity, ExceptionSummary.Describe(e));
            throw new ActivityFailedException($"{activity} failed after retries ({e.GetType().FullName}).");
        }
    }
}
