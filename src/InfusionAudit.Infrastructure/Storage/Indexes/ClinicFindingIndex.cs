using System.Globalization;
using Azure.Data.Tables;
using InfusionAudit.Infrastructure.Storage.Audit;
using InfusionAudit.Infrastructure.Storage.Sessions;
using InfusionAudit.Infrastructure.Storage.Tables;

namespace InfusionAudit.Infrastructure.Storage.Indexes;

/// <summary>
/// <see cref="TableNames.FindingsByClinic"/>: every finding again, filed by clinic and the clinical date of its session
/// (PK <c>{clinicId}|{yyyy-MM}</c>, RK <c>{sessionDate:yyyyMMdd}|{detectedAt}|{sessionId}|{ruleId}|{episodeKey}</c>), the
/// date the session itself is listed under, so "findings of clinic X between two dates" is a key range in at most 13
/// partitions and names the findings of exactly the sessions the session list and the report name for those dates. The
/// session writer keeps it current with the findings that changed in each commit.
/// </summary>
/// <remarks>
/// Rows carry <c>Calendar = clinical</c>: rows of the earlier layout (filed by UTC detection day, whose keys also start
/// with a date) are never read as if they were filed by session date.
/// </remarks>
public sealed class ClinicFindingIndex : IClinicFindingIndex
{
    private readonly TableClient table;
    private readonly PartitionGroupCommit writes;

    public ClinicFindingIndex(StorageAccount account)
    {
        table = account.Tables.GetTableClient(TableNames.FindingsByClinic);
        writes = new PartitionGroupCommit(table);
    }

    private const string Calendar = "clinical";

    /// <summary>
    /// Upserts changed findings and deletes the rows of findings whose key moved (detection time or session date). A
    /// clinic's month partition is shared by all its sessions, so concurrent writers share transactions (group commit).
    /// </summary>
    public Task WriteAsync(IReadOnlyCollection<FiledFinding> changed, IReadOnlyCollection<FiledFinding> moved, CancellationToken cancellationToken) =>
        Task.WhenAll(changed.Select(f => writes.WriteAsync(new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(f)), cancellationToken))
            .Concat(moved.Select(f => writes.WriteAsync(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(PartitionKey(f), RowKey(f)), Azure.ETag.All), cancellationToken))));

    /// <summary>One page of the findings of a clinic's sessions whose clinical date is in [from, to], by session date then detection.</summary>
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

        if (filter.ReceivedFrom is { } receivedFrom)
        {
            conditions.Add(TableClient.CreateQueryFilter($"DetectedAt ge {receivedFrom}"));
        }

        if (filter.ReceivedTo is { } receivedTo)
        {
            conditions.Add(TableClient.CreateQueryFilter($"DetectedAt lt {receivedTo}"));
        }

        conditions.Add(TableClient.CreateQueryFilter($"Calendar eq {Calendar}"));

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

    private static string PartitionKey(FiledFinding filed) =>
        $"{filed.Finding.ClinicId}|{filed.SessionDate.ToString("yyyy-MM", CultureInfo.InvariantCulture)}";

    private static string RowKey(FiledFinding filed)
    {
        var f = filed.Finding;
        return $"{filed.SessionDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}|{f.DetectedAt.UtcDateTime.ToString("yyyyMMddHHmmssfffffff", CultureInfo.InvariantCulture)}|{f.SessionId}|{KeyEncoding.Escape(f.RuleId)}|{KeyEncoding.Escape(f.EpisodeKey)}";
    }

    private static TableEntity ToEntity(FiledFinding filed)
    {
        var f = filed.Finding;
        var entity = new TableEntity(PartitionKey(filed), RowKey(filed))
        {
            ["SessionId"] = f.SessionId,
            ["SessionDate"] = filed.SessionDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["SeverityRank"] = SeverityRank.Of(f.Severity),
            ["Active"] = f.RetractedAt is null,
            ["Calendar"] = Calendar,
        };
        SessionFindingColumns.Write(entity, f);
        return entity;
    }

    private static SessionFindingRow ToRow(TableEntity entity) => SessionFindingColumns.Read(entity, entity.GetString("SessionId") ?? string.Empty);
}
