namespace EvalReports;

/// <summary>
/// The service's limits: constants, not app settings (changing one is a code change with its reason next to it).
/// Registered in DI with these values; tests pass other ones in code (small limits are quicker to reach).
/// </summary>
public sealed record EvalReportsLimits
{
    /// <summary>100: a whole suite of evals in one report, and with <see cref="MaxActiveReports"/> one workspace can queue at most 1,000 run activities.</summary>
    public int MaxRunsPerReport { get; init; } = 100;

    /// <summary>8 run reports built at once per report: most of host.json's 10 activity slots per instance, leaving room for another report's.</summary>
    public int ReportConcurrency { get; init; } = 8;

    /// <summary>20,000: the largest run measured end to end (bench/RESULTS.md); its import (31.4 MiB) fits <see cref="MaxRequestBodyBytes"/>.</summary>
    public int MaxResponsesPerRun { get; init; } = 20_000;

    /// <summary>
    /// 32 MiB, also the worker's Kestrel limit (Api/WorkerLimits): a 20,000-response import fits, three at once stay under
    /// 0.5 GB of a 2 GB instance (docs/api.md has the arithmetic), and it is below the Functions host's own 100 MiB.
    /// </summary>
    public long MaxRequestBodyBytes { get; init; } = 32L * 1024 * 1024;

    /// <summary>1,000,000 characters in one text field of an imported run: a whole document as one response imports (item rows split it).</summary>
    public int MaxTextChars { get; init; } = 1_000_000;

    /// <summary>10 reports created or processing at once per workspace (429 beyond): bounds what one tenant can queue ahead of the others.</summary>
    public int MaxActiveReports { get; init; } = 10;

    /// <summary>2 sandbox reports at once: they take no quota unit but run the full pipeline, so a smaller allowance.</summary>
    public int MaxActiveSandboxReports { get; init; } = 2;

    /// <summary>24 hours an Idempotency-Key is remembered: covers a client's retries and a CI job re-run the same day.</summary>
    public TimeSpan IdempotencyTtl { get; init; } = TimeSpan.FromHours(24);

    /// <summary>60 minutes of processing fails a report: embedded reports take seconds and each LLM run falls back within 5 minutes, so only a stuck one lasts an hour.</summary>
    public TimeSpan ReportDeadline { get; init; } = TimeSpan.FromMinutes(60);
}
