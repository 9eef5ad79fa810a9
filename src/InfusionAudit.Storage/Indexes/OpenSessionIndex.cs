using Azure.Data.Tables;

namespace InfusionAudit.Storage.Indexes;

/// <summary>
/// <see cref="TableNames.OpenSessions"/>: the sessions that have not ended, so the timer can check them for
/// overdue, silent and missing-start conditions without scanning the sessions table.
/// </summary>
public sealed class OpenSessionIndex(StorageAccount account)
{
    private const string Partition = "open";

    private readonly TableClient table = account.Tables.GetTableClient(TableNames.OpenSessions);

    public async Task AddAsync(string sessionId, string clinicId, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Partition, sessionId) { ["ClinicId"] = clinicId };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Removes the session; removing one that is not listed (it ended in its first message) is not an error.</summary>
    public async Task RemoveAsync(string sessionId, CancellationToken cancellationToken)
    {
        // DeleteEntityAsync answers a missing row with a logged 404; a point query first is cheaper than the noise.
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(Partition, sessionId, ["RowKey"], cancellationToken);
        if (existing.HasValue)
        {
            await table.DeleteEntityAsync(Partition, sessionId, Azure.ETag.All, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            ids.Add(entity.RowKey);
        }

        return ids;
    }
}
