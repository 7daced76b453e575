using System.Text;
using Azure;

namespace EvalReports.Logging;

/// <summary>
/// An exception as it may be logged: types, storage status codes and stack frames, never messages. A message can
/// carry what the exception was about (a response, a prompt, a key), and none of that may reach a log.
/// </summary>
public static class ExceptionSummary
{
    public static string Describe(Exception exception)
    {
        var text = new StringBuilder();
        for (var (e, depth) = (exception, 0); e is not null && depth < 5; (e, depth) = (e.InnerException, depth + 1))
        {
            if (depth > 0)
            {
                text.Append(" ---> ");
            }

            text.Append(e.GetType().FullName);
            if (e is RequestFailedException failed)
            {
                text.Append(" (status ").Append(failed.Status).Append(", ").Append(failed.ErrorCode ?? "no error code").Append(')');
            }

            if (e.StackTrace is { } stack)
            {
                text.Append('\n').Append(stack);
            }
        }

        return text.ToString();
    }
}
