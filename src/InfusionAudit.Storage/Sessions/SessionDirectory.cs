using Azure;
using Azure.Data.Tables;
using InfusionAudit.Storage.Tables;

namespace InfusionAudit.Storage.Sessions;

/// <summary>
/// <see cref="TableNames.SessionDirectory"/>: what is known about sessions across clinics, in one partition.
/// <list type="bullet">
/// <item><c>{session}</c>: the clinic whose <see cref="TableNames.Sessions"/> partition holds it. Lookups by session id
/// alone go through it, and the first clinic to claim an id keeps it.</item>
/// <item><c>~open|{session}</c>: the session has not ended; the timer judges these (one range read, never a scan).</item>
/// <item><c>~patient|{patient hash}|{session}</c>: a patient's sessions, for <c>PATIENT-INTERVAL</c> and the
/// first-session rule (one range read per patient).</item>
/// </list>
/// </summary>
/// <remarks>
/// The rows change only when a session starts or ends, and a session's rows are written as one group by group commit,
/// so the sessions that a message opens or closes share one transaction. One partition bounds session starts and ends
/// (about 2,000 rows per second on Azure), not events: far above any clinic network.
/// </remarks>
public sealed class SessionDirectory
{
    private const string Partition = "session";
    private const string OpenPrefix = "~open|";
    private const string PatientPrefix = "~patient|";

    private readonly TableClient table;
    private readonly PartitionGroupCommit writes;

    public SessionDirectory(StorageAccount account)
    {
        table = account.Tables.GetTableClient(TableNames.SessionDirectory);
        writes = new PartitionGroupCommit(table);
    }

    /// <summary>
    /// Writes what a session write changes here. With a claim, the id is taken for the clinic unless another clinic holds
    /// it: then nothing is written.
    /// </summary>
    /// <returns>The clinic that holds the session: the registration's own, unless another clinic claimed the id first.</returns>
    public async Task<string> RegisterAsync(SessionRegistration registration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var claim = registration.Claim;
        while (true)
        {
            var actions = Actions(registration, claim);
            try
            {
                if (actions.Count > 0)
                {
                    await writes.WriteGroupAsync(actions, cancellationToken);
                }

                break;
            }
            catch (RequestFailedException ex) when (claim && ex.Status == 409)
            {
                var owner = await FindAsync(registration.SessionId, cancellationToken)
                    ?? throw new InvalidOperationException($"Session {registration.SessionId} is claimed, yet its directory row cannot be read.", ex);
                if (!string.Equals(owner, registration.ClinicId, StringComparison.Ordinal))
                {
                    return owner;
                }

                // Ours already (an earlier attempt of this write, or a redelivery): write the rest.
                claim = false;
            }
        }

        if (registration.Open == false)
        {
            // A group of its own, so that a delete of a row already gone (the session ended in its first message)
            // counts as done; the group commit still sends it with the other sessions' rows.
            await writes.WriteGroupAsync(
                [new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(Partition, OpenPrefix + registration.SessionId), ETag.All)],
                cancellationToken);
        }

        return registration.ClinicId;
    }

    /// <summary>The clinic holding the session, or null when no clinic has stored it.</summary>
    public async Task<string?> FindAsync(string sessionId, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, sessionId, ["ClinicId"], cancellationToken);
        return row.HasValue ? row.Value!.GetString("ClinicId") : null;
    }

    /// <summary>The sessions that have not ended.</summary>
    public async Task<IReadOnlyList<OpenSession>> OpenSessionsAsync(CancellationToken cancellationToken)
    {
        var sessions = new List<OpenSession>();
        await foreach (var entity in Range(OpenPrefix, ["RowKey", "ClinicId"], cancellationToken))
        {
            sessions.Add(new OpenSession(entity.RowKey[OpenPrefix.Length..], entity.GetString("ClinicId") ?? string.Empty));
        }

        return sessions;
    }

    /// <summary>The sessions of a patient, by the patient reference hash.</summary>
    public async Task<IReadOnlyList<PatientSessionRow>> PatientSessionsAsync(string patientRefHash, CancellationToken cancellationToken)
    {
        var rows = new List<PatientSessionRow>();
        var prefix = PatientPrefix + patientRefHash + "|";
        await foreach (var entity in Range(prefix, null, cancellationToken))
        {
            rows.Add(new PatientSessionRow(
                patientRefHash,
                entity.RowKey[prefix.Length..],
                entity.GetString("ClinicId") ?? string.Empty,
                entity.GetDateTimeOffset("StartedAt") ?? default,
                entity.GetString("ProtocolId") ?? string.Empty));
        }

        return rows;
    }

    private static List<TableTransactionAction> Actions(SessionRegistration registration, bool claim)
    {
        var actions = new List<TableTransactionAction>(3);
        if (claim)
        {
            actions.Add(new TableTransactionAction(
                TableTransactionActionType.Add,
                new TableEntity(Partition, registration.SessionId) { ["ClinicId"] = registration.ClinicId, ["ClaimedAt"] = registration.At }));
        }

        if (registration.Patient is { } patient)
        {
            actions.Add(new TableTransactionAction(
                TableTransactionActionType.UpsertReplace,
                new TableEntity(Partition, PatientPrefix + patient.PatientRefHash + "|" + patient.SessionId)
                {
                    ["ClinicId"] = patient.ClinicId,
                    ["StartedAt"] = patient.StartedAt,
                    ["ProtocolId"] = patient.ProtocolId,
                }));
        }

        if (registration.Open == true)
        {
            actions.Add(new TableTransactionAction(
                TableTransactionActionType.UpsertReplace,
                new TableEntity(Partition, OpenPrefix + registration.SessionId) { ["ClinicId"] = registration.ClinicId }));
        }

        return actions;
    }

    // '}' follows '|' in ordinal order: [prefix, prefix with its last '|' as '}') holds exactly the keys with the prefix.
    private IAsyncEnumerable<TableEntity> Range(string prefix, IEnumerable<string>? select, CancellationToken cancellationToken) =>
        table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {prefix} and RowKey lt {prefix[..^1] + "}"}"),
            select: select,
            cancellationToken: cancellationToken);
}
