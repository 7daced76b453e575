using Azure;
using Azure.Data.Tables;
using EvalReports.Contracts;
using EvalReports.Summaries;

namespace EvalReports.Storage;

/// <summary>
/// Suite reports. In the reports table, partition = workspace: a header row per report (row = uuid), a copy of it
/// keyed for listing newest first (row = ~list|inverted time|uuid) and the workspace's counters (row = ~workspace);
/// the three change together in one transaction. One row per run report (partition = workspace|report) in the run
/// reports table. Updates replace the header under its ETag and never re-create a deleted report.
/// </summary>
public sealed class ReportStore(TableStorage storage, ActiveReportIndex active)
{
    /// <summary>List rows sort after every report row (ids never start with '~') and before the counters row.</summary>
    private const string ListPrefix = "~list|";
    private const string ListEnd = "~list}";

    private static readonly string[] DigestColumns = ["RowKey", "Ordinal", .. TextColumns.ColumnNames("Digest")];
    private static readonly string[] FactColumns =
        ["RowKey", "Ordinal", "EvalUuid", "RunName", .. TextColumns.ColumnNames("Stats"), .. TextColumns.ColumnNames("Comparison")];
    private static readonly string[] LegacyColumns = ["RowKey", .. TextColumns.ColumnNames("EvalRun")];

    /// <summary>
    /// Writes a new report, its list row and the workspace's counters in one transaction, after <paramref name="admit"/>
    /// has looked at the counters: it returns why the report is refused (nothing is written then), or whether it takes
    /// a quota unit. Retried when another request changed the counters first, so quota and caps are exact.
    /// </summary>
    public async Task<CreateResult> CreateAsync(
        ReportRecord report, Func<WorkspaceCounters, (string? Refusal, bool TakesUnit)> admit, CancellationToken ct = default)
    {
        var table = await storage.GetTableAsync(TableStorage.Reports);
        for (var attempt = 1; ; attempt++)
        {
            var (counters, etag) = await WorkspaceCounters.ReadAsync(table, report.WorkspaceUuid, ct);
            var (refusal, takesUnit) = admit(counters);
            if (refusal is not null)
            {
                return new CreateResult(CreateOutcome.Refused, counters, refusal);
            }

            var stored = report with { TookQuotaUnit = takesUnit };
            var after = counters.WithActive(report.IsSandbox, +1) with
            {
                Reports = counters.Reports + 1,
                ReportsUsed = counters.ReportsUsed + (takesUnit ? 1 : 0),
            };
            var rows = RowsOf(stored);
            RowSize.Require(rows[0], "The report");
            try
            {
                await table.SubmitTransactionAsync(
                [
                    .. rows.Select(row => new TableTransactionAction(TableTransactionActionType.Add, row)),
                    after.WriteAction(report.WorkspaceUuid, etag),
                ], ct);
                return new CreateResult(CreateOutcome.Created, after);
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412 or 404)
            {
                if ((await table.GetEntityIfExistsAsync<TableEntity>(report.WorkspaceUuid, report.ReportUuid, select: ["RowKey"], cancellationToken: ct)).HasValue)
                {
                    return new CreateResult(CreateOutcome.AlreadyExists, counters);
                }

                await BackOffAsync(attempt, ct);
            }
        }
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

    /// <summary>
    /// One page, newest first, and the number of reports in the workspace. The list rows are keyed by inverted creation
    /// time, so a page is one range read of <paramref name="limit"/> rows; an offset first skips over row keys only.
    /// </summary>
    public async Task<(IReadOnlyList<ReportRecord> Page, int Count)> ListAsync(
        string workspace, int limit, int offset, CancellationToken ct = default)
    {
        var table = await storage.GetTableAsync(TableStorage.Reports);
        var count = (await WorkspaceCounters.ReadAsync(table, workspace, ct)).Counters.Reports;
        var from = ListPrefix;
        if (offset > 0)
        {
            if (await NthListKeyAsync(table, workspace, offset, ct) is not { } start)
            {
                return ([], count);
            }

            from = start;
        }

        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {workspace} and RowKey ge {from} and RowKey lt {ListEnd}");
        var page = new List<ReportRecord>(limit);
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: limit, cancellationToken: ct))
        {
            page.Add(FromEntity(entity));
            if (page.Count == limit)
            {
                break;
            }
        }

        return (page, count);
    }

    /// <summary>
    /// Applies a change to the header (and its list row) under optimistic concurrency; a change that ends an active
    /// report also counts it out of the workspace's active reports, in the same transaction. Returns the updated
    /// record, or null when the report no longer exists (it was deleted): a late writer never brings it back.
    /// </summary>
    public async Task<ReportRecord?> UpdateAsync(
        string workspace, string reportUuid, Func<ReportRecord, ReportRecord?> change, CancellationToken ct = default)
    {
        var table = await storage.GetTableAsync(TableStorage.Reports);
        for (var attempt = 1; ; attempt++)
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

            var header = ToEntity(updated);
            RowSize.Require(header, "The report");
            var actions = new List<TableTransactionAction>
            {
                new(TableTransactionActionType.UpdateReplace, header, response.Value!.ETag),
                new(TableTransactionActionType.UpsertReplace, ToListEntity(updated)),
            };
            var ends = IsActive(current.Status) && !IsActive(updated.Status);
            if (ends)
            {
                var (counters, etag) = await WorkspaceCounters.ReadAsync(table, workspace, ct);
                actions.Add(counters.WithActive(current.IsSandbox, -1).WriteAction(workspace, etag));
            }

            try
            {
                await table.SubmitTransactionAsync(actions, ct);
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412 or 404)
            {
                // Someone else changed (or deleted) it, or the counters, first: read again and re-apply.
                await BackOffAsync(attempt, ct);
                continue;
            }

            if (ends)
            {
                await active.RemoveAsync(workspace, reportUuid);
            }

            return updated;
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
        RowSize.Require(entity, $"The report of eval run {record.Report.EvalRunUuid}");
        await runReports.UpsertEntityAsync(entity, TableUpdateMode.Replace, ct);

        // The report may have been deleted before or while this was written: do not leave an orphan behind it.
        if (!(await reports.GetEntityIfExistsAsync<TableEntity>(workspace, reportUuid, select: ["RowKey"], cancellationToken: ct)).HasValue)
        {
            await runReports.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, ETag.All, ct);
            return false;
        }

        return true;
    }
    /// <summary>
    /// Deletes the report, its list row and its run reports, and counts it out of the workspace in the same transaction.
    /// <paramref name="giveBackUnit"/>: the report never started (its orchestration could not be scheduled), so its
    /// quota unit is returned; a report deleted by its owner keeps its unit used (the quota counts reports created).
    /// </summary>
    public async Task<bool> DeleteAsync(string workspace, string reportUuid, bool giveBackUnit = false, CancellationToken ct = default)
    {
        var reports = await storage.GetTableAsync(TableStorage.Reports);
        var existed = false;
        for (var attempt = 1; ; attempt++)
        {
            var response = await reports.GetEntityIfExistsAsync<TableEntity>(workspace, reportUuid, cancellationToken: ct);
            if (!response.HasValue)
            {
                break;
            }

            var record = FromEntity(response.Value!);
            var (counters, etag) = await WorkspaceCounters.ReadAsync(reports, workspace, ct);
            var after = (IsActive(record.Status) ? counters.WithActive(record.IsSandbox, -1) : counters) with
            {
                Reports = Math.Max(0, counters.Reports - 1),
                ReportsUsed = giveBackUnit && record.TookQuotaUnit ? Math.Max(0, counters.ReportsUsed - 1) : counters.ReportsUsed,
            };
            try
            {
                await reports.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.Delete, response.Value!, response.Value!.ETag),
                    new TableTransactionAction(TableTransactionActionType.Delete, ToListEntity(record), ETag.All),
                    after.WriteAction(workspace, etag),
                ], ct);
                existed = true;
                break;
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412 or 404)
            {
                await BackOffAsync(attempt, ct);
            }
        }

        var runReports = await storage.GetTableAsync(TableStorage.RunReports);
        await TableBatches.DeletePartitionAsync(runReports, RunReportsPartition(workspace, reportUuid), ct);
        await active.RemoveAsync(workspace, reportUuid);
        return existed;
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
    /// <summary>The rows a report is stored as: its header, then its list row (a copy under the list key).</summary>
    public static TableEntity[] RowsOf(ReportRecord report) => [ToEntity(report), ToListEntity(report)];

    /// <summary>Newest first: the row key holds the ticks left until DateTimeOffset.MaxValue, then the uuid.</summary>
    public static string ListRowKey(ReportRecord report) =>
        $"{ListPrefix}{DateTimeOffset.MaxValue.UtcTicks - report.CreatedAt.UtcTicks:D19}|{report.ReportUuid}";

    public static bool IsActive(string status) => status is ReportStatus.Created or ReportStatus.Processing;


    /// <summary>The row key of the list row at position <paramref name="offset"/> (0-based), reading keys only.</summary>
    private static async Task<string?> NthListKeyAsync(TableClient table, string workspace, int offset, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {workspace} and RowKey ge {ListPrefix} and RowKey lt {ListEnd}");
        return await TablePages.NthKeyAsync(table, filter, offset, ct);
    }

    /// <summary>Waits a little, with jitter so that writers who lost the same race spread out; gives up after 200 tries.</summary>
    private static async Task BackOffAsync(int attempt, CancellationToken ct)
    {
        if (attempt >= 200)
        {
            throw new InvalidOperationException("Too many concurrent changes to one workspace's reports.");
        }

        await Task.Delay(Random.Shared.Next(1, 5 + Math.Min(attempt, 20) * 2), ct);
    }

    /// <summary>A copy of the header under its list key, written in the same transaction as the header.</summary>
    private static TableEntity ToListEntity(ReportRecord report)
    {
        var entity = ToEntity(report);
        entity.RowKey = ListRowKey(report);
        entity["ReportUuid"] = report.ReportUuid;
        return entity;
    }

    private static TableEntity ToEntity(ReportRecord report)
    {
        var entity = new TableEntity(report.WorkspaceUuid, report.ReportUuid)
        {
            ["Status"] = report.Status,
            ["CreatedAt"] = report.CreatedAt,
            ["UpdatedAt"] = report.UpdatedAt,
            ["IsSandbox"] = report.IsSandbox,
            ["Error"] = report.Error,
            ["StartedAt"] = report.StartedAt,
            ["TookQuotaUnit"] = report.TookQuotaUnit,
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
        ReportUuid = entity.GetString("ReportUuid") ?? entity.RowKey,
        Status = entity.GetString("Status"),
        CreatedAt = entity.GetDateTimeOffset("CreatedAt")!.Value,
        UpdatedAt = entity.GetDateTimeOffset("UpdatedAt")!.Value,
        IsSandbox = entity.GetBoolean("IsSandbox") ?? false,
        Error = entity.GetString("Error"),
        StartedAt = entity.GetDateTimeOffset("StartedAt"),
        TookQuotaUnit = entity.GetBoolean("TookQuotaUnit") ?? false,
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
