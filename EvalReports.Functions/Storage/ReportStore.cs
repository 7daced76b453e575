using Azure;
using Azure.Data.Tables;
using EvalReports.Contracts;
using EvalReports.Summaries;

namespace EvalReports.Storage;

/// <summary>
/// Suite reports: a header row per report (partition = workspace) and one row per run report
/// (partition = workspace|report). Updates replace the header under its ETag and never re-create a deleted report.
/// </summary>
public sealed class ReportStore(TableStorage storage)
{
    private static readonly string[] DigestColumns = ["RowKey", "Ordinal", .. TextColumns.ColumnNames("Digest")];
    private static readonly string[] FactColumns =
        ["RowKey", "Ordinal", "EvalUuid", "RunName", .. TextColumns.ColumnNames("Stats"), .. TextColumns.ColumnNames("Comparison")];
    private static readonly string[] LegacyColumns = ["RowKey", .. TextColumns.ColumnNames("EvalRun")];

    public async Task CreateAsync(ReportRecord report, CancellationToken ct = default)
    {
        var table = await storage.GetTableAsync(TableStorage.Reports);
        await table.AddEntityAsync(ToEntity(report), ct);
    }

    public async Task<ReportRecord?> GetRecordAsync(string workspace, string reportUuid, CancellationToken ct = default)
    {
        var table = await storage.GetTableAsync(TableStorage.Reports);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(workspace, reportUuid, cancellationToken: ct);
        return response.HasValue ? FromEntity(response.Value!) : null;
    }

    public async Task<IReadOnlyList<RunReportRecord>> GetRunReportsAsync(string workspace, string reportUuid, CancellationToken ct = default)
    {
        var table = await storage.GetTableAsync(TableStorage.RunReports);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {RunReportsPartition(workspace, reportUuid)}");
        var reports = new List<RunReportRecord>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            reports.Add(RunReportFromEntity(entity));
        }

        reports.Sort((a, b) => a.Ordinal.CompareTo(b.Ordinal));
        return reports;
    }

    /// <summary>
    /// Only what the fan-in needs of each run report, in suite order: its run and its digest. The summaries and the
    /// run header copies stay in the table, so finishing a large suite reads a few KB per run.
    /// </summary>
    public async Task<IReadOnlyList<(string EvalRunUuid, RunDigest Digest)>> GetRunDigestsAsync(
        string workspace, string reportUuid, CancellationToken ct = default)
    {
        var table = await storage.GetTableAsync(TableStorage.RunReports);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {RunReportsPartition(workspace, reportUuid)}");
        var digests = new List<(string EvalRunUuid, RunDigest Digest, int Ordinal)>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: DigestColumns, cancellationToken: ct))
        {
            digests.Add((entity.RowKey, Json.Deserialize<RunDigest>(TextColumns.Read(entity, "Digest")!)!, entity.GetInt32("Ordinal") ?? 0));
        }

        return digests.OrderBy(d => d.Ordinal).Select(d => (d.EvalRunUuid, d.Digest)).ToList();
    }

    /// <summary>Newest first; the total is the number of reports in the workspace.</summary>
    public async Task<(IReadOnlyList<string> ReportUuids, int Count)> ListAsync(
        string workspace, int limit, int offset, CancellationToken ct = default)
    {
        var table = await storage.GetTableAsync(TableStorage.Reports);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {workspace}");
        var all = new List<(string Id, DateTimeOffset CreatedAt)>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: ["RowKey", "CreatedAt"], cancellationToken: ct))
        {
            all.Add((entity.RowKey, entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue));
        }

        var page = all
            .OrderByDescending(r => r.CreatedAt)
            .ThenBy(r => r.Id, StringComparer.Ordinal)
            .Skip(offset)
            .Take(limit)
            .Select(r => r.Id)
            .ToList();
        return (page, all.Count);
    }

    /// <summary>Reports still created or processing, in every workspace (for the stuck-report sweep).</summary>
    public async IAsyncEnumerable<ReportRecord> ListActiveAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var table = await storage.GetTableAsync(TableStorage.Reports);
        var filter = TableClient.CreateQueryFilter($"Status eq {ReportStatus.Created} or Status eq {ReportStatus.Processing}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            yield return FromEntity(entity);
        }
    }

    /// <summary>
    /// Applies a change to the header under optimistic concurrency. Returns the updated record, or null when the
    /// report no longer exists (it was deleted): a late writer never brings it back.
    /// </summary>
    public async Task<ReportRecord?> UpdateAsync(
        string workspace, string reportUuid, Func<ReportRecord, ReportRecord?> change, CancellationToken ct = default)
    {
        var table = await storage.GetTableAsync(TableStorage.Reports);
        for (var attempt = 0; ; attempt++)
        {
            var response = await table.GetEntityIfExistsAsync<TableEntity>(workspace, reportUuid, cancellationToken: ct);
            if (!response.HasValue)
            {
                return null;
            }

            var current = FromEntity(response.Value!);
            var updated = change(current);
            if (updated is null || updated == current)
            {
                return current;
            }

            try
            {
                await table.UpdateEntityAsync(ToEntity(updated), response.Value!.ETag, TableUpdateMode.Replace, ct);
                return updated;
            }
            catch (RequestFailedException e) when ((e.Status == 412 || e.Status == 404) && attempt < 20)
            {
                // Someone else changed (or deleted) it first: read again and re-apply.
            }
        }
    }

    /// <summary>
    /// Writes a run report if its suite report still exists; false when the report was deleted. The check comes after
    /// the write (one read, not two): a report deleted before or during the write finds its run report removed again.
    /// </summary>
    public async Task<bool> SaveRunReportAsync(string workspace, string reportUuid, RunReportRecord record, CancellationToken ct = default)
    {
        var reports = await storage.GetTableAsync(TableStorage.Reports);
        var runReports = await storage.GetTableAsync(TableStorage.RunReports);
        var entity = RunReportToEntity(RunReportsPartition(workspace, reportUuid), record);
        await runReports.UpsertEntityAsync(entity, TableUpdateMode.Replace, ct);

        // The report may have been deleted before or while this was written: do not leave an orphan behind it.
        if (!(await reports.GetEntityIfExistsAsync<TableEntity>(workspace, reportUuid, select: ["RowKey"], cancellationToken: ct)).HasValue)
        {
            await runReports.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, ETag.All, ct);
            return false;
        }

        return true;
    }

    public async Task<bool> DeleteAsync(string workspace, string reportUuid, CancellationToken ct = default)
    {
        var reports = await storage.GetTableAsync(TableStorage.Reports);
        var response = await reports.DeleteEntityAsync(workspace, reportUuid, ETag.All, ct);
        var runReports = await storage.GetTableAsync(TableStorage.RunReports);
        await TableBatches.DeletePartitionAsync(runReports, RunReportsPartition(workspace, reportUuid), ct);
        return response.Status != 404;
    }

    /// <summary>Removes run reports written after the report was deleted (a late activity).</summary>
    public async Task DeleteRunReportsAsync(string workspace, string reportUuid, CancellationToken ct = default)
    {
        var runReports = await storage.GetTableAsync(TableStorage.RunReports);
        await TableBatches.DeletePartitionAsync(runReports, RunReportsPartition(workspace, reportUuid), ct);
    }

    /// <summary>
    /// What comparisons and the suite's stats need of each run report, in suite order: eval, name, stats and
    /// comparison — not the summaries, not the run header (whose evaluation may hold a large ground truth). A row
    /// written before stats existed has its run header read instead.
    /// </summary>
    public async Task<IReadOnlyList<RunReportFacts>> GetRunFactsAsync(string workspace, string reportUuid, CancellationToken ct = default)
    {
        var table = await storage.GetTableAsync(TableStorage.RunReports);
        var partition = RunReportsPartition(workspace, reportUuid);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
        var facts = new List<RunReportFacts>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: FactColumns, cancellationToken: ct))
        {
            var stats = ReadJson<ReportStats>(entity, "Stats");
            EvalRunResult? legacy = null;
            if (stats is null || entity.GetString("EvalUuid") is null)
            {
                var full = await table.GetEntityAsync<TableEntity>(partition, entity.RowKey, select: LegacyColumns, cancellationToken: ct);
                legacy = Json.Deserialize<EvalRunResult>(TextColumns.Read(full.Value, "EvalRun")!)!;
            }

            facts.Add(new RunReportFacts(
                entity.RowKey,
                entity.GetString("EvalUuid") ?? legacy!.EvalUuid,
                entity.GetString("RunName") ?? RunAnalysis.NameOf(legacy!),
                stats,
                ReadJson<RunComparison>(entity, "Comparison"),
                entity.GetInt32("Ordinal") ?? 0,
                legacy));
        }

        return facts.OrderBy(f => f.Ordinal).ToList();
    }

    private static string RunReportsPartition(string workspace, string reportUuid) => $"{workspace}|{reportUuid}";

    private static TableEntity ToEntity(ReportRecord report)
    {
        var entity = new TableEntity(report.WorkspaceUuid, report.ReportUuid)
        {
            ["Status"] = report.Status,
            ["CreatedAt"] = report.CreatedAt,
            ["UpdatedAt"] = report.UpdatedAt,
            ["IsSandbox"] = report.IsSandbox,
            ["Error"] = report.Error,
        };
        TextColumns.Write(entity, "EvalRunUuids", Json.Serialize(report.EvalRunUuids));
        TextColumns.Write(entity, "OverallPassing", report.OverallPassingResponsesSummary);
        TextColumns.Write(entity, "OverallFailing", report.OverallFailingResponsesSummary);
        TextColumns.Write(entity, "OverallAdvice", report.OverallImprovementAdvice);
        entity["BaselineReportUuid"] = report.BaselineReportUuid;
        TextColumns.Write(entity, "Stats", report.Stats is null ? null : Json.Serialize(report.Stats));
        TextColumns.Write(entity, "Comparison", report.Comparison is null ? null : Json.Serialize(report.Comparison));
        return entity;
    }

    private static ReportRecord FromEntity(TableEntity entity) => new()
    {
        WorkspaceUuid = entity.PartitionKey,
        ReportUuid = entity.RowKey,
        Status = entity.GetString("Status"),
        CreatedAt = entity.GetDateTimeOffset("CreatedAt")!.Value,
        UpdatedAt = entity.GetDateTimeOffset("UpdatedAt")!.Value,
        IsSandbox = entity.GetBoolean("IsSandbox") ?? false,
        Error = entity.GetString("Error"),
        EvalRunUuids = Json.Deserialize<List<string>>(TextColumns.Read(entity, "EvalRunUuids") ?? "[]")!,
        OverallPassingResponsesSummary = TextColumns.Read(entity, "OverallPassing"),
        OverallFailingResponsesSummary = TextColumns.Read(entity, "OverallFailing"),
        OverallImprovementAdvice = TextColumns.Read(entity, "OverallAdvice"),
        BaselineReportUuid = entity.GetString("BaselineReportUuid"),
        Stats = ReadJson<ReportStats>(entity, "Stats"),
        Comparison = ReadJson<SuiteComparison>(entity, "Comparison"),
    };

    private static TableEntity RunReportToEntity(string partition, RunReportRecord record)
    {
        var report = record.Report;
        var entity = new TableEntity(partition, report.EvalRunUuid)
        {
            ["EvalRunReportUuid"] = report.EvalRunReportUuid,
            ["Summarizer"] = report.Summarizer,
            ["Ordinal"] = record.Ordinal,
            ["EvalUuid"] = report.EvalRun.EvalUuid,
            ["RunName"] = RunAnalysis.NameOf(report.EvalRun),
        };
        TextColumns.Write(entity, "Passing", report.PassingResponsesSummary);
        TextColumns.Write(entity, "Failing", report.FailingResponsesSummary);
        TextColumns.Write(entity, "Advice", report.ImprovementAdvice);
        TextColumns.Write(entity, "EvalRun", Json.Serialize(report.EvalRun with { Responses = null }));
        TextColumns.Write(entity, "Digest", Json.Serialize(record.Digest));
        TextColumns.Write(entity, "Stats", report.Stats is null ? null : Json.Serialize(report.Stats));
        TextColumns.Write(entity, "Comparison", report.Comparison is null ? null : Json.Serialize(report.Comparison));
        return entity;
    }

    private static RunReportRecord RunReportFromEntity(TableEntity entity)
    {
        var report = new EvalRunReport
        {
            EvalRunReportUuid = entity.GetString("EvalRunReportUuid"),
            EvalRunUuid = entity.RowKey,
            EvalRun = Json.Deserialize<EvalRunResult>(TextColumns.Read(entity, "EvalRun")!)!,
            PassingResponsesSummary = TextColumns.Read(entity, "Passing") ?? "",
            FailingResponsesSummary = TextColumns.Read(entity, "Failing") ?? "",
            ImprovementAdvice = TextColumns.Read(entity, "Advice") ?? "",
            Summarizer = entity.GetString("Summarizer"),
            Stats = ReadJson<ReportStats>(entity, "Stats"),
            Comparison = ReadJson<RunComparison>(entity, "Comparison"),
        };
        return new RunReportRecord(report, Json.Deserialize<RunDigest>(TextColumns.Read(entity, "Digest")!)!, entity.GetInt32("Ordinal") ?? 0);
    }

    private static T? ReadJson<T>(TableEntity entity, string name)
        where T : class =>
        TextColumns.Read(entity, name) is { } json ? Json.Deserialize<T>(json) : null;
}

/// <summary>One run report without its texts: see <see cref="ReportStore.GetRunFactsAsync"/>.</summary>
/// <param name="LegacyRun">Only for a row written before stats existed: its run header, whose counts stand in for them.</param>
public sealed record RunReportFacts(
    string EvalRunUuid, string EvalUuid, string Name, ReportStats? Stats, RunComparison? Comparison, int Ordinal, EvalRunResult? LegacyRun);
