using EvalReports.Auth;
using EvalReports.Contracts;
using EvalReports.Errors;
using EvalReports.Exports;
using EvalReports.Reports;
using EvalReports.Storage;
using Microsoft.DurableTask.Client;

namespace EvalReports.Sharing;

/// <summary>
/// Share links: made by a caller with the report's key, opened by anyone holding the URL until it expires, the
/// report is deleted or its links are revoked. A token that fails any check is a 404, like an unknown report.
/// </summary>
public sealed class ShareLinks(ShareKeyStore keys, ReportStore reportStore, ReportService reports, ReportExports exports, TimeProvider clock)
{
    public const string Route = "v2/shared-reports";
    public const int DefaultHours = 7 * 24;
    /// <summary>The cap: 30 days.</summary>
    public const int MaxHours = 30 * 24;

    public async Task<ShareLink> CreateAsync(Caller caller, string reportUuid, ShareRequest request, Uri origin, DurableTaskClient durable, CancellationToken ct)
    {
        var hours = request.ExpiresInHours ?? DefaultHours;
        if (hours is < 1 or > MaxHours)
        {
            throw ApiErrors.InvalidRequest($"expires_in_hours must be from 1 to {MaxHours} (30 days).", "expires_in_hours");
        }

        var report = await reports.GetAsync(caller, reportUuid, includeResponses: false, durable, ct);
        if (report.Status != ReportStatus.Finished)
        {
            throw ApiErrors.Conflict($"The report is {report.Status}; only a finished report can be shared.",
                new Dictionary<string, object?> { ["status"] = report.Status });
        }

        var shareId = await keys.ShareIdAsync(caller.WorkspaceUuid, reportUuid, ct);
        var expires = DateTimeOffset.FromUnixTimeSeconds(clock.GetUtcNow().AddHours(hours).ToUnixTimeSeconds());
        var token = ShareTokens.Sign(await keys.SigningKeyAsync(ct), new ShareTokens.Claims(caller.WorkspaceUuid, reportUuid, shareId, expires));
        return new ShareLink(new Uri(origin, $"/{Route}/{token}").ToString(), reportUuid, expires);
    }

    public async Task RevokeAsync(Caller caller, string reportUuid, CancellationToken ct)
    {
        _ = await reportStore.GetRecordAsync(caller.WorkspaceUuid, reportUuid, ct) ?? throw ApiErrors.NotFound("Eval suite report not found.");
        await keys.RevokeAsync(caller.WorkspaceUuid, reportUuid, ct);
    }

    /// <summary>The HTML view a valid token opens; any failed check is the same 404.</summary>
    public async Task<ExportDocument> OpenAsync(string? token, DurableTaskClient durable, CancellationToken ct)
    {
        var claims = ShareTokens.Verify(await keys.SigningKeyAsync(ct), token);
        if (claims is null || claims.ExpiresAt <= clock.GetUtcNow() ||
            await keys.CurrentShareIdAsync(claims.WorkspaceUuid, claims.ReportUuid, ct) != claims.ShareId ||
            await reportStore.GetRecordAsync(claims.WorkspaceUuid, claims.ReportUuid, ct) is not { Status: ReportStatus.Finished })
        {
            throw NotFound();
        }

        var caller = new Caller(claims.WorkspaceUuid, "share-link");
        EvalSuiteReport report;
        try
        {
            report = await reports.GetAsync(caller, claims.ReportUuid, includeResponses: false, durable, ct);
        }
        catch (ApiException e) when (e.Status == 404)
        {
            throw NotFound();
        }

        return exports.Open(claims.WorkspaceUuid, report, ExportFormat.Html);
    }

    private static ApiException NotFound() => ApiErrors.NotFound("This share link is not valid: it may have expired or been revoked.");
}
