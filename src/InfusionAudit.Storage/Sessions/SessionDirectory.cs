using Azure;
using Azure.Data.Tables;
using InfusionAudit.Storage.Tables;

namespace InfusionAudit.Storage.Sessions;

/// <summary>
/// <see cref="TableNames.SessionDirectory"/>: which clinic's partition holds a session. Sessions are stored by clinic so
/// that one transaction carries every session of a message; this directory answers lookups by session id alone and
/// makes a session id belong to the first clinic that claimed it.
/// </summary>
/// <remarks>
/// One partition, written only when a session is created and by group commit, so the new sessions of a message share
/// one transaction. Its ceiling (about 2,000 new sessions per second on Azure) is far above any clinic network.
/// </remarks>
public sealed class SessionDirectory
{
    private const string Partition = "session";

    private readonly TableClient table;
    private readonly PartitionGroupCommit writes;

    public SessionDirectory(StorageAccount account)
    {
        table = account.Tables.GetTableClient(TableNames.SessionDirectory);
        writes = new PartitionGroupCommit(table);
    }

    /// <summary>Claims the session id for the clinic unless another clinic holds it; returns the clinic that holds it.</summary>
    public async Task<string> ClaimAsync(string sessionId, string clinicId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Partition, sessionId) { ["ClinicId"] = clinicId, ["ClaimedAt"] = at };
        try
        {
            await writes.WriteGroupAsync([new TableTransactionAction(TableTransactionActionType.Add, entity)], cancellationToken);
            return clinicId;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return await FindAsync(sessionId, cancellationToken)
                ?? throw new InvalidOperationException($"Session {sessionId} is claimed, yet its directory row cannot be read.", ex);
        }
    }

    /// <summary>The clinic holding the session, or null when no clinic has stored it.</summary>
    public async Task<string?> FindAsync(string sessionId, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, sessionId, ["ClinicId"], cancellationToken);
        return row.HasValue ? row.Value!.GetString("ClinicId") : null;
    }
}
