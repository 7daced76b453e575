namespace EvalReports.Tests.Support;

/// <summary>
/// Watches every execution of one activity and, when <c>hold</c> is true, keeps it at a gate before it starts: a test
/// knows how many have started and finished, and chooses when held ones go on.
/// </summary>
public sealed class ActivityGate(string activity, bool hold = true) : IActivityInterceptor
{
    private readonly TaskCompletionSource opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim entered = new(0);
    private readonly SemaphoreSlim finished = new(0);
    private readonly SemaphoreSlim failed = new(0);

    public void Open() => opened.TrySetResult();

    /// <summary>Waits until <paramref name="count"/> more executions have started (and, when held, wait at the gate).</summary>
    public Task EnteredAsync(int count) => TakeAsync(entered, count, "started");

    /// <summary>Waits until <paramref name="count"/> more executions have returned or thrown.</summary>
    public Task FinishedAsync(int count) => TakeAsync(finished, count, "finished");

    /// <summary>Waits until <paramref name="count"/> more executions have thrown.</summary>
    public Task FailedAsync(int count) => TakeAsync(failed, count, "failed");

    public async Task<T> InvokeAsync<T>(string name, object input, Func<Task<T>> run)
    {
        if (name != activity)
        {
            return await run();
        }

        entered.Release();
        try
        {
            if (hold)
            {
                await opened.Task;
            }

            return await run();
        }
        catch
        {
            failed.Release();
            throw;
        }
        finally
        {
            finished.Release();
        }
    }

    private async Task TakeAsync(SemaphoreSlim signals, int count, string what)
    {
        for (var i = 0; i < count; i++)
        {
            Assert.True(await signals.WaitAsync(TimeSpan.FromSeconds(60)), $"only {i} of {count} {activity} executions {what}");
        }
    }
}
