namespace EvalReports.Summaries.Llm;

/// <summary>
/// After <c>threshold</c> calls in a row fail (retries used up), the model is skipped for <c>openFor</c>: every run in
/// that window goes straight to the embedded summarizer, so an outage costs a few calls, not calls × runs.
/// </summary>
public sealed class CircuitBreaker(int threshold, TimeSpan openFor, TimeProvider clock)
{
    private readonly Lock gate = new();
    private int failuresInARow;
    private DateTimeOffset openUntil = DateTimeOffset.MinValue;

    public bool IsOpen
    {
        get
        {
            lock (gate) return clock.GetUtcNow() < openUntil;
        }
    }

    public void Succeeded()
    {
        lock (gate) failuresInARow = 0;
    }

    public void Failed()
    {
        lock (gate)
        {
            if (++failuresInARow >= threshold)
            {
                openUntil = clock.GetUtcNow() + openFor;
                failuresInARow = 0;
            }
        }
    }
}
