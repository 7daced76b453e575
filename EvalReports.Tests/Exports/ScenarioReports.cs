using EvalReports.Contracts;
using EvalReports.Storage;
using EvalReports.Tests.Support;

namespace EvalReports.Tests.Exports;

/// <summary>Report rows written straight into the store, for states a test cannot wait for (still processing, failed).</summary>
internal static class ScenarioReports
{
    public static async Task<string> InsertAsync(LiveService service, string status, string? error = null, string workspace = TestKeys.DevWorkspace)
    {
        var now = DateTimeOffset.UtcNow;
        var id = Guid.NewGuid().ToString();
        await service.App.Get<ReportStore>().CreateAsync(new ReportRecord
        {
            WorkspaceUuid = workspace,
            ReportUuid = id,
            Status = status,
            CreatedAt = now,
            UpdatedAt = now,
            EvalRunUuids = [],
            Error = error,
        }, _ => (null, false));
        return id;
    }

    public static Task<string> ProcessingAsync(LiveService service) => InsertAsync(service, ReportStatus.Processing);
}
