using System.Globalization;
using Azure.Data.Tables;
using InfusionAudit.Storage.Tables;

namespace InfusionAudit.Storage.Indexes;

/// <summary>
/// <see cref="TableNames.SessionsByClinic"/>: one partition per clinic, rows keyed by session date then id. The writer
/// keeps it current; audit list queries read key ranges of one partition.
/// </summary>
public sealed class ClinicSessionIndex
{
    private readonly TableClient table;
    private readonly PartitionGroupCommit writes;

    public ClinicSessionIndex(StorageAccount account)
    {
        table = account.Tables.GetTableClient(TableNames.SessionsByClinic);
        writes = new PartitionGroupCommit(table);
    }

    public Task UpsertAsync(string clinicId, IReadOnlyCollection<ClinicSessionRow> rows, IReadOnlyCollection<string> obsoleteRowKeys, CancellationToken cancellationToken) =>
        Task.WhenAll(rows.Select(r => writes.WriteAsync(new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(r)), cancellationToken))
            .Concat(obsoleteRowKeys.Select(k => writes.WriteAsync(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(clinicId, k), Azure.ETag.All), cancellationToken))));

    /// <summary>Sessions of a clinic whose session date lies in [from, to], in key order.</summary>
    public async Task<IReadOnlyList<ClinicSessionRow>> ListAsync(string clinicId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var low = from.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var high = to.AddDays(1).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {clinicId} and RowKey ge {low} and RowKey lt {high}");
        var rows = new List<ClinicSessionRow>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(ToRow(entity));
        }

        return rows;
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
        ["ActiveFindings"] = row.ActiveFindings,
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
        entity.GetInt32("ActiveFindings") ?? 0);
}
