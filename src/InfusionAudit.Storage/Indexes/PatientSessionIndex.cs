using Azure.Data.Tables;
using InfusionAudit.Storage.Tables;

namespace InfusionAudit.Storage.Indexes;

/// <summary>
/// <see cref="TableNames.SessionsByPatient"/>: one partition, row key "{patient hash}|{session id}", so a patient's
/// sessions are one range query and the sessions a message opens share one transaction by group commit. Written only
/// when a session starts: its ceiling (about 2,000 starts per second on Azure) is far above any clinic network.
/// </summary>
public sealed class PatientSessionIndex
{
    private const string Partition = "patient";

    private readonly TableClient table;
    private readonly PartitionGroupCommit writes;

    public PatientSessionIndex(StorageAccount account)
    {
        table = account.Tables.GetTableClient(TableNames.SessionsByPatient);
        writes = new PartitionGroupCommit(table);
    }

    public Task UpsertAsync(PatientSessionRow row, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Partition, row.PatientRefHash + "|" + row.SessionId)
        {
            ["PatientRefHash"] = row.PatientRefHash,
            ["SessionId"] = row.SessionId,
            ["ClinicId"] = row.ClinicId,
            ["StartedAt"] = row.StartedAt,
            ["ProtocolId"] = row.ProtocolId,
        };
        return writes.WriteAsync(new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity), cancellationToken);
    }

    public async Task<IReadOnlyList<PatientSessionRow>> ListAsync(string patientRefHash, CancellationToken cancellationToken)
    {
        var rows = new List<PatientSessionRow>();

        // '}' follows '|': the range holds exactly this patient's rows.
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {patientRefHash + "|"} and RowKey lt {patientRefHash + "}"}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(new PatientSessionRow(
                entity.GetString("PatientRefHash") ?? patientRefHash,
                entity.GetString("SessionId") ?? entity.RowKey[(patientRefHash.Length + 1)..],
                entity.GetString("ClinicId") ?? string.Empty,
                entity.GetDateTimeOffset("StartedAt") ?? default,
                entity.GetString("ProtocolId") ?? string.Empty));
        }

        return rows;
    }
}
