using System.Text.Json;
using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Sessions;
using InfusionAudit.Storage.Indexes;
using InfusionAudit.Storage.Sessions;

namespace InfusionAudit.Application.Sessions;

/// <summary>
/// Keeps the index tables in step with the sessions: clinic index (audit lists), patient index (24 h interval rule)
/// and open sessions (timer). Each index is written only when what it holds changes, so a steady stream of events
/// costs no index requests.
/// </summary>
public sealed class SessionIndexWriter(ClinicSessionIndex clinics, PatientSessionIndex patients, OpenSessionIndex open)
{
    /// <summary>The patient's history: from the session state when known, else looked up once when the start arrives.</summary>
    public async Task<PatientHistoryLookup> PatientHistoryAsync(SessionPartition partition, IReadOnlyCollection<StoredEvent> events, CancellationToken cancellationToken)
    {
        if (partition.State?.PatientHistoryJson is { } json)
        {
            return new PatientHistoryLookup(JsonSerializer.Deserialize<PatientHistory>(json, JsonDefaults.Options) ?? PatientHistory.Empty, json, null);
        }

        var start = events
            .Where(e => e.Event.Payload is SessionStartedPayload)
            .OrderBy(e => e.Event.Sequence)
            .ThenBy(e => e.ReceivedAt)
            .FirstOrDefault();
        if (start is null)
        {
            return new PatientHistoryLookup(PatientHistory.Empty, null, null);
        }

        var payload = (SessionStartedPayload)start.Event.Payload;
        var others = (await patients.ListAsync(payload.PatientRef, cancellationToken))
            .Where(r => r.SessionId != partition.SessionId)
            .Select(r => new PriorSession(r.SessionId, r.StartedAt, r.ProtocolId))
            .OrderBy(r => r.StartedAt)
            .ToList();
        var history = new PatientHistory(others);
        var self = new PatientSessionRow(payload.PatientRef, partition.SessionId, start.Event.ClinicId, start.Event.OccurredAt, payload.ProtocolId);
        return new PatientHistoryLookup(history, JsonSerializer.Serialize(history, JsonDefaults.Options), self);
    }

    /// <summary>The clinic index row that describes a session after an evaluation.</summary>
    public static ClinicSessionRow ClinicRow(SessionEvaluation evaluation)
    {
        var state = evaluation.State;
        var date = (state.StartedAt ?? state.FirstOccurredAt).UtcDateTime;
        var maxSeverity = evaluation.Findings.Count == 0 ? (Severity?)null : evaluation.Findings.Max(f => f.Severity);
        return new ClinicSessionRow(
            state.ClinicId,
            state.SessionId,
            DateOnly.FromDateTime(date),
            state.StartedAt,
            state.Status.ToString(),
            state.ProtocolId,
            state.ProtocolVersion,
            maxSeverity?.ToString().ToLowerInvariant(),
            evaluation.Findings.Count);
    }

    /// <summary>Takes an ended session off the timer's list.</summary>
    public Task CloseAsync(string sessionId, CancellationToken cancellationToken) => open.RemoveAsync(sessionId, cancellationToken);

    /// <summary>Writes whatever index rows changed with this evaluation.</summary>
    public async Task WriteAsync(
        SessionPartition partition,
        SessionEvaluation evaluation,
        PatientHistoryLookup history,
        ClinicSessionRow clinicRow,
        string clinicRowJson,
        CancellationToken cancellationToken)
    {
        var before = partition.State;
        if (before?.ClinicIndexJson != clinicRowJson)
        {
            var previous = before?.ClinicIndexJson is { } json ? JsonSerializer.Deserialize<ClinicSessionRow>(json, JsonDefaults.Options) : null;
            string[] obsolete = previous is not null && previous.RowKey != clinicRow.RowKey ? [previous.RowKey] : [];
            await clinics.UpsertAsync(clinicRow.ClinicId, [clinicRow], obsolete, cancellationToken);
        }

        if (history.ThisSession is { } patientRow)
        {
            await patients.UpsertAsync(patientRow, cancellationToken);
        }

        var ended = evaluation.State.Status == SessionStatus.Ended;
        var wasEnded = before?.Status == nameof(SessionStatus.Ended);
        if (before is null && !ended)
        {
            await open.AddAsync(partition.SessionId, evaluation.State.ClinicId, cancellationToken);
        }
        else if (ended && !wasEnded && before is not null)
        {
            await open.RemoveAsync(partition.SessionId, cancellationToken);
        }
    }
}
