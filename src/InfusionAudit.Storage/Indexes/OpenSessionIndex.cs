using Azure.Data.Tables;
using InfusionAudit.Storage.Tables;

namespace InfusionAudit.Storage.Indexes;

/// <summary>
/// <see cref="TableNames.OpenSessions"/>: the sessions that have not ended, so the timer can check them for
/// overdue, silent and missing-start conditions without scanning the sessions table. One partition, written by group
/// commit: the sessions of a message that open or close share one transaction.
/// </summary>
public sealed class OpenSessionIndex
{
    private const string Partition = "open";

    private readonly TableClient table;
    private readonly PartitionGroupCommit writes;

    public OpenSessionIndex(StorageAccount account)
    {
        table = account.Tables.GetTableClient(TableNames.OpenSessions);
        writes = new PartitionGroupCommit(table);
    }

    public Task AddAsync(string sessionId, string clinicId, CancellationToken cancellationToken) =>
        writes.WriteAsync(new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(Partition, sessionId) { ["ClinicId"] = clinicId }), cancellationToken);

    /// <summary>Removes the session; removing one that is not listed (it ended in its first message) is not an error.</summary>
    public Task RemoveAsync(string sessionId, CancellationToken cancellationToken) =>
        writes.WriteAsync(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(Partition, sessionId), Azure.ETag.All), cancellationToken);

    public async Task<IReadOnlyList<OpenSession>> ListAsync(CancellationToken cancellationToken)
    {
        var sessions = new List<OpenSession>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: ["RowKey", "ClinicId"], cancellationToken: cancellationToken))
        {
            sessions.Add(new OpenSession(entity.RowKey, entity.GetString("ClinicId") ?? string.Empty));
        }

        return sessions;
    }
}
