using Azure.Data.Tables;

namespace InfusionAudit.Storage.Indexes;

/// <summary><see cref="TableNames.SessionsByPatient"/>: one partition per hashed patient reference.</summary>
public sealed class PatientSessionIndex(StorageAccount account)
{
    private readonly TableClient table = account.Tables.GetTableClient(TableNames.SessionsByPatient);

    public async Task UpsertAsync(PatientSessionRow row, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(row.PatientRefHash, row.SessionId)
        {
            ["ClinicId"] = row.ClinicId,
            ["StartedAt"] = row.StartedAt,
            ["ProtocolId"] = row.ProtocolId,
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<IReadOnlyList<PatientSessionRow>> ListAsync(string patientRefHash, CancellationToken cancellationToken)
    {
        var rows = new List<PatientSessionRow>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {patientRefHash}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(new PatientSessionRow(
                entity.PartitionKey,
                entity.RowKey,
                entity.GetString("ClinicId") ?? string.Empty,
                entity.GetDateTimeOffset("StartedAt") ?? default,
                entity.GetString("ProtocolId") ?? string.Empty));
        }

        return rows;
    }
}
