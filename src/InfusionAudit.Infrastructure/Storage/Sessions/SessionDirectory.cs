using Azure;
using Azure.Data.Tables;
using InfusionAudit.Infrastructure.Storage.Tables;

namespace InfusionAudit.Infrastructure.Storage.Sessions;

/// <summary>
/// <see cref="TableNames.SessionDirectory"/>: what is known about sessions across clinics, in one partition. A session
/// is identified by its clinic and its id: the same session id at two clinics is two sessions.
/// <list type="bullet">
/// <item><c>{session}|{clinic}</c>: a clinic has stored a session with this id. Lookups by session id alone (an audit
/// read that names no clinic) read the range <c>{session}|</c>.</item>
/// <item><c>~open|{clinic}|{session}</c>: the session has not ended; the timer judges these (one range read, never a scan).</item>
/// <item><c>~patient|{patient hash}|{clinic}|{session}</c>: a patient's sessions, for <c>PATIENT-INTERVAL</c> and the
/// first-session rule (one range read per patient).</item>
/// </list>
/// Contract ids never hold <c>|</c>, so the parts never run together. Rows also carry <c>ClinicId</c> and
/// <c>SessionId</c> columns, which readers use.
/// </summary>
/// <remarks>
/// The rows change only when a session starts or ends, and a session's rows are written as one group by group commit,
/// so the sessions that a message opens or closes share one transaction. One partition bounds session starts and ends
/// (about 2,000 rows per second on Azure), not events: far above any clinic network.
/// Storage format: rows written before sessions were scoped by clinic (<c>{session}</c>, <c>~open|{session}</c>,
/// <c>~patient|{hash}|{session}</c>) are not read; there is no migration.
/// </remarks>
public sealed class SessionDirectory : ISessionDirectory
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

    /// <summary>Writes what a session write changes here (idempotent: a retry or a redelivery writes the same rows).</summary>
    public async Task RegisterAsync(SessionRegistration registration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var actions = Actions(registration);
        if (actions.Count > 0)
        {
            await writes.WriteGroupAsync(actions, cancellationToken);
        }

        if (registration.Open == false)
        {
            // A group of its own, so that a delete of a row already gone (the session ended in its first message)
            // counts as done; the group commit still sends it with the other sessions' rows.
            await writes.WriteGroupAsync(
                [new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(Partition, OpenKey(registration.ClinicId, registration.SessionId)), ETag.All)],
                cancellationToken);
        }
    }

    /// <summary>The clinics that have stored a session with this id, in ordinal order (none, one, or several).</summary>
    public async Task<IReadOnlyList<string>> ClinicsOfAsync(string sessionId, CancellationToken cancellationToken)
    {
        var clinics = new List<string>();
        await foreach (var entity in Range(sessionId + "|", ["RowKey", "ClinicId"], cancellationToken))
        {
            clinics.Add(entity.GetString("ClinicId") ?? entity.RowKey[(sessionId.Length + 1)..]);
        }

        clinics.Sort(StringComparer.Ordinal);
        return clinics;
    }

    /// <summary>The sessions that have not ended.</summary>
    public async Task<IReadOnlyList<OpenSession>> OpenSessionsAsync(CancellationToken cancellationToken)
    {
        var sessions = new List<OpenSession>();
        await foreach (var entity in Range(OpenPrefix, ["RowKey", "ClinicId", "SessionId"], cancellationToken))
        {
            if (entity.GetString("SessionId") is { } sessionId && entity.GetString("ClinicId") is { } clinicId)
            {
                sessions.Add(new OpenSession(sessionId, clinicId));
            }
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
            if (entity.GetString("SessionId") is not { } sessionId)
            {
                continue;
            }

            rows.Add(new PatientSessionRow(
                patientRefHash,
                sessionId,
                entity.GetString("ClinicId") ?? string.Empty,
                entity.GetDateTimeOffset("StartedAt") ?? default,
                entity.GetString("ProtocolId") ?? string.Empty,
                entity.GetDouble("WeightKg"),
                entity.GetDouble("PrescribedMgPerKg"),
                entity.GetDouble("DeliveredMgPerKg"),
                entity.GetDateTimeOffset("EndedAt")));
        }

        return rows;
    }

    private static List<TableTransactionAction> Actions(SessionRegistration registration)
    {
        var actions = new List<TableTransactionAction>(3);
        if (registration.Claim)
        {
            actions.Add(new TableTransactionAction(
                TableTransactionActionType.UpsertReplace,
                new TableEntity(Partition, registration.SessionId + "|" + registration.ClinicId)
                {
                    ["ClinicId"] = registration.ClinicId,
                    ["SessionId"] = registration.SessionId,
                    ["ClaimedAt"] = registration.At,
                }));
        }

        if (registration.Patient is { } patient)
        {
            actions.Add(new TableTransactionAction(
                TableTransactionActionType.UpsertReplace,
                new TableEntity(Partition, PatientPrefix + patient.PatientRefHash + "|" + patient.ClinicId + "|" + patient.SessionId)
                {
                    ["ClinicId"] = patient.ClinicId,
                    ["SessionId"] = patient.SessionId,
                    ["StartedAt"] = patient.StartedAt,
                    ["ProtocolId"] = patient.ProtocolId,
                    ["WeightKg"] = patient.WeightKg,
                    ["PrescribedMgPerKg"] = patient.PrescribedMgPerKg,
                    ["DeliveredMgPerKg"] = patient.DeliveredMgPerKg,
                    ["EndedAt"] = patient.EndedAt,
                }));
        }

        if (registration.Open == true)
        {
            actions.Add(new TableTransactionAction(
                TableTransactionActionType.UpsertReplace,
                new TableEntity(Partition, OpenKey(registration.ClinicId, registration.SessionId)) { ["ClinicId"] = registration.ClinicId, ["SessionId"] = registration.SessionId }));
        }

        return actions;
    }

    private static string OpenKey(string clinicId, string sessionId) => OpenPrefix + clinicId + "|" + sessionId;

    // '}' follows '|' in ordinal order: [prefix, prefix with its last '|' as '}') holds exactly the keys with the prefix.
    private IAsyncEnumerable<TableEntity> Range(string prefix, IEnumerable<string>? select, CancellationToken cancellationToken) =>
        table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {prefix} and RowKey lt {prefix[..^1] + "}"}"),
            select: select,
            cancellationToken: cancellationToken);
}
