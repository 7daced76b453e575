namespace EvalReports.Storage;

public enum CreateOutcome
{
    Created,
    /// <summary>A report with that uuid is already stored (a retried request): nothing was written.</summary>
    AlreadyExists,
    /// <summary>The admission check refused it (quota or active-report cap): nothing was written.</summary>
    Refused,
}

/// <param name="Counters">The workspace's counters after the report was created (before, when it was not).</param>
/// <param name="Refusal">Why it was refused, as the admission check said.</param>
public sealed record CreateResult(CreateOutcome Outcome, WorkspaceCounters Counters, string? Refusal = null);
