namespace EvalReports.Tests.Support;

/// <summary>Runs around every activity execution of <see cref="InProcessDurable"/> (fault injection, counting).</summary>
public interface IActivityInterceptor
{
    Task<T> InvokeAsync<T>(string activity, object input, Func<Task<T>> run);
}
