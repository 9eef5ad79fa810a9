using System.Globalization;
using Azure.Data.Tables;
using InfusionAudit.Infrastructure.Storage.Audit;
using InfusionAudit.Infrastructure.Storage.Sessions;
using InfusionAudit.Infrastructure.Storage.Tables;

namespace InfusionAudit.Infrastructure.Storage.Indexes;

/// <summary>
/// <see cref="TableNames.FindingsByClinic"/>: every finding again, filed by clinic and detection month
/// (PK <c>{clinicId}|{yyyy-MM}</c>, RK <c>{detectedAt}|{sessionId}|{ruleId}|{episodeKey}</c>), so "findings of clinic X
/// between two dates" is a key range in at most 13 partitions instead of a read of every session. The session writer
/// keeps it current with the findings that changed in each commit.
/// </summary>
public sealed class ClinicFindingIndex
{
    private readonly TableClient table;
    private readonly PartitionGroupCommit writes;

    public ClinicFindingIndex(StorageAccount account)
    {
        table = account.Tables.GetTableClient(TableNames.FindingsByClinic);
        writes = new PartitionGroupCommit(table);
    }

    /// <summary>
    /// Upserts changed findings and deletes the rows of findings whose detection time (hence key) moved. A clinic's
    /// month partition is shared by all its sessions, so concurrent writers share transactions (group commit).
    /// </summary>
    public Task WriteAsync(IReadOnlyCollection<SessionFindingRow> changed, IReadOnlyCollection<SessionFindingRow> moved, CancellationToken cancellationToken) =>
        Task.WhenAll(changed.Select(f => writes.WriteAsync(new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(f)), cancellationToken))
            .Concat(moved.Select(f => writes.WriteAsync(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(PartitionKey(f), RowKey(f)), Azure.ETag.All), cancellationToken))));

    /// <summary>One page of a clinic's findings detected in [from, to] (UTC days), oldest first.</summary>
    public async Task<StoragePage<SessionFindingRow>> ListPageAsync(
        string clinicId,
        DateOnly from,
        DateOnly to,
        FindingListFilter filter,
        StorageCursor? cursor,
        int take,
        CancellationToken cancellationToken)
    {
        var page = await PagedTableReader.ReadAsync(table, Filters(clinicId, from, to, filter), null, cursor, take, cancellationToken);
        return new StoragePage<SessionFindingRow>([.. page.Rows.Select(ToRow)], page.Next, page.Requests);
    }

    /// <summary>The month partitions the range touches, in order, each bounded by the day range; conditions parameterised.</summary>
    internal static IReadOnlyList<string> Filters(string clinicId, DateOnly from, DateOnly to, FindingListFilter filter)
    {
        var low = from.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var high = to.AddDays(1).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var conditions = new List<string>();
        if (filter.RuleId is { } ruleId)
        {
            conditions.Add(TableClient.CreateQueryFilter($"RuleId eq {ruleId}"));
        }

        if (filter.Severity is { } severity)
        {
            conditions.Add(TableClient.CreateQueryFilter($"Severity eq {severity}"));
        }

        if (filter.MinSeverityRank is { } rank)
        {
            conditions.Add(TableClient.CreateQueryFilter($"SeverityRank ge {rank}"));
        }

        if (!filter.IncludeRetracted)
        {
            conditions.Add(TableClient.CreateQueryFilter($"Active eq {true}"));
        }

        var filters = new List<string>();
        for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1))
        {
            var partitionKey = $"{clinicId}|{month.ToString("yyyy-MM", CultureInfo.InvariantCulture)}";
            var parts = new List<string> { TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ge {low} and RowKey lt {high}") };
            parts.AddRange(conditions);
            filters.Add(string.Join(" and ", parts.Select(p => $"({p})")));
        }

        return filters;
    }

    private static string PartitionKey(SessionFindingRow f) =>
        $"{f.ClinicId}|{f.DetectedAt.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture)}";

    private static string RowKey(SessionFindingRow f) =>
        $"{f.DetectedAt.UtcDateTime.ToString("yyyyMMddHHmmssfffffff", CultureInfo.InvariantCulture)}|{f.SessionId}|{KeyEncoding.Escape(f.RuleId)}|{KeyEncoding.Escape(f.EpisodeKey)}";

    private static TableEntity ToEntity(SessionFindingRow f)
    {
        var entity = new TableEntity(PartitionKey(f), RowKey(f))
        {
            ["SessionId"] = f.SessionId,
            ["SeverityRank"] = SeverityRank.Of(f.Severity),
            ["Active"] = f.RetractedAt is null,
        };
        SessionFindingColumns.Write(entity, f);
        return entity;
    }

    private static SessionFindingRow ToRow(TableEntity entity) => SessionFindingColumns.Read(entity, entity.GetString("SessionId") ?? string.Empty);
}
