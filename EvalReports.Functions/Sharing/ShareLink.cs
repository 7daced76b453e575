namespace EvalReports.Sharing;

/// <summary>Body of POST /v2/eval-reports/{id}/share.</summary>
public sealed record ShareRequest
{
    public int? ExpiresInHours { get; init; }
}

/// <summary>A read-only link to a report's HTML view that needs no API key.</summary>
public sealed record ShareLink(string Url, string EvalSuiteReportUuid, DateTimeOffset ExpiresAt);
