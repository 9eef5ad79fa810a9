using System.Globalization;
using Azure.Data.Tables;
using InfusionAudit.Infrastructure.Storage.Audit;
using InfusionAudit.Infrastructure.Storage.Tables;

namespace InfusionAudit.Infrastructure.Storage.Indexes;

/// <summary>
/// <see cref="TableNames.SessionsByClinic"/>: one partition per clinic, rows keyed by session date (the clinical date,
/// in the clinic's time zone) then id. The writer
/// keeps it current; audit list queries and the compliance report read key ranges of one partition.
/// </summary>
public sealed class ClinicSessionIndex : IClinicSessionIndex
{
    private readonly TableClient table;
    private readonly PartitionGroupCommit writes;

    public ClinicSessionIndex(StorageAccount account)
    {
        table = account.Tables.GetTableClient(TableNames.SessionsByClinic);
        writes = new PartitionGroupCommit(table);
    }

    /// <summary>
    /// Writes rows of one clinic and deletes rows whose key moved (session date changed). Concurrent writers to the
    /// clinic (the sessions of one message) share transactions through group commit.
    /// </summary>
    public Task UpsertAsync(string clinicId, IReadOnlyCollection<ClinicSessionRow> rows, IReadOnlyCollection<string> obsoleteRowKeys, CancellationToken cancellationToken) =>
        Task.WhenAll(rows.Select(r => writes.WriteAsync(new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(r)), cancellationToken))
            .Concat(obsoleteRowKeys.Select(k => writes.WriteAsync(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(clinicId, k), Azure.ETag.All), cancellationToken))));

    /// <summary>
    /// One page of a clinic's sessions in [from, to] that match <paramref name="filter"/>: a key range of the clinic's
    /// partition with the conditions evaluated by the table service.
    /// </summary>
    public async Task<StoragePage<ClinicSessionRow>> ListPageAsync(
        string clinicId,
        DateOnly from,
        DateOnly to,
        SessionListFilter filter,
        StorageCursor? cursor,
        int take,
        CancellationToken cancellationToken)
    {
        var page = await PagedTableReader.ReadAsync(table, [RangeFilter(clinicId, from, to, filter)], null, cursor, take, cancellationToken);
        return new StoragePage<ClinicSessionRow>([.. page.Rows.Select(ToRow)], page.Next, page.Requests);
    }

    /// <summary>The key range of one clinic's partition for [from, to], with optional conditions, all parameterised.</summary>
    internal static string RangeFilter(string clinicId, DateOnly from, DateOnly to, SessionListFilter filter)
    {
        var low = from.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var high = to.AddDays(1).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var parts = new List<string> { TableClient.CreateQueryFilter($"PartitionKey eq {clinicId} and RowKey ge {low} and RowKey lt {high}") };
        if (filter.Status is { } status)
        {
            parts.Add(TableClient.CreateQueryFilter($"Status eq {status}"));
        }

        if (filter.ProtocolId is { } protocolId)
        {
            parts.Add(TableClient.CreateQueryFilter($"ProtocolId eq {protocolId}"));
        }

        if (filter.MinSeverityRank is { } rank)
        {
            parts.Add(TableClient.CreateQueryFilter($"MaxSeverityRank ge {rank}"));
        }

        if (filter.ReceivedFrom is { } receivedFrom)
        {
            parts.Add(TableClient.CreateQueryFilter($"FirstReceivedAt ge {receivedFrom}"));
        }

        if (filter.ReceivedTo is { } receivedTo)
        {
            parts.Add(TableClient.CreateQueryFilter($"FirstReceivedAt lt {receivedTo}"));
        }

        return string.Join(" and ", parts.Select(p => $"({p})"));
    }

    private static TableEntity ToEntity(ClinicSessionRow row) => new(row.ClinicId, row.RowKey)
    {
        ["SessionId"] = row.SessionId,
        ["SessionDate"] = row.SessionDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["StartedAt"] = row.StartedAt,
        ["Status"] = row.Status,
        ["ProtocolId"] = row.ProtocolId,
        ["ProtocolVersion"] = row.ProtocolVersion,
        ["MaxSeverity"] = row.MaxSeverity,
        ["MaxSeverityRank"] = SeverityRank.Of(row.MaxSeverity),
        ["ActiveFindings"] = row.ActiveFindings,
        ["EndedAt"] = row.EndedAt,
        ["EndReason"] = row.EndReason,
        ["DeliveredMgPerKg"] = row.DeliveredMgPerKg,
        ["CompletedWithinProtocol"] = row.CompletedWithinProtocol,
        ["FindingCounts"] = row.FindingCounts,
        ["AdverseEffects"] = row.AdverseEffects,
        ["DeliveredMg"] = row.DeliveredMg,
        ["DischargedAt"] = row.DischargedAt,
        ["RemsMissing"] = row.RemsMissing,
        ["FirstReceivedAt"] = row.FirstReceivedAt,
    };

    private static ClinicSessionRow ToRow(TableEntity entity) => new(
        entity.PartitionKey,
        entity.GetString("SessionId") ?? string.Empty,
        DateOnly.ParseExact(entity.GetString("SessionDate") ?? "0001-01-01", "yyyy-MM-dd", CultureInfo.InvariantCulture),
        entity.GetDateTimeOffset("StartedAt"),
        entity.GetString("Status") ?? string.Empty,
        entity.GetString("ProtocolId"),
        entity.GetInt32("ProtocolVersion"),
        entity.GetString("MaxSeverity"),
        entity.GetInt32("ActiveFindings") ?? 0,
        entity.GetDateTimeOffset("EndedAt"),
        entity.GetString("EndReason"),
        entity.GetDouble("DeliveredMgPerKg"),
        entity.GetBoolean("CompletedWithinProtocol") ?? false,
        entity.GetString("FindingCounts"),
        entity.GetString("AdverseEffects"),
        entity.GetDouble("DeliveredMg"),
        entity.GetDateTimeOffset("DischargedAt"),
        entity.GetString("RemsMissing"),
        entity.GetDateTimeOffset("FirstReceivedAt"));
}
