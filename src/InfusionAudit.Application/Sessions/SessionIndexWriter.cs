using System.Text.Json;
using InfusionAudit.Application.Audit;
using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Sessions;
using InfusionAudit.Storage.Indexes;
using InfusionAudit.Storage.Sessions;

namespace InfusionAudit.Application.Sessions;

/// <summary>
/// Keeps the index tables in step with the sessions: clinic index (audit lists and the compliance report's
/// per-session aggregates), findings by clinic (audit finding lists), patient index (24 h interval rule) and open
/// sessions (timer). Each index is written only when what it holds changes, so a steady stream of events that changes
/// no finding, status or outcome costs no index requests.
/// </summary>
public sealed class SessionIndexWriter(
    ClinicSessionIndex clinics,
    ClinicFindingIndex findings,
    PatientSessionIndex patients,
    OpenSessionIndex open,
    TimeProvider clock)
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

    /// <summary>
    /// The clinic index row that describes a session after an evaluation. It holds only values that change at
    /// milestones (status, findings, end), never running amounts, so that its JSON (kept on the session state)
    /// changes, and the row is rewritten, only then.
    /// </summary>
    public static ClinicSessionRow ClinicRow(SessionEvaluation evaluation)
    {
        var state = evaluation.State;
        var date = (state.StartedAt ?? state.FirstOccurredAt).UtcDateTime;
        var maxSeverity = evaluation.Findings.Count == 0 ? (Severity?)null : evaluation.Findings.Max(f => f.Severity);
        var ended = state.Status == SessionStatus.Ended;
        return new ClinicSessionRow(
            state.ClinicId,
            state.SessionId,
            DateOnly.FromDateTime(date),
            state.StartedAt,
            state.Status.ToString(),
            state.ProtocolId,
            state.ProtocolVersion,
            maxSeverity?.ToString().ToLowerInvariant(),
            evaluation.Findings.Count,
            state.EndedAt,
            state.EndReason is { } reason ? JsonNamingPolicy.CamelCase.ConvertName(reason.ToString()) : null,
            ended ? state.DeliveredDoseMgPerKg : null,
            ComplianceDefinition.CompletedWithinProtocol(evaluation),
            ComplianceDefinition.FindingCounts(evaluation.Findings));
    }

    /// <summary>Takes an ended session off the timer's list.</summary>
    public Task CloseAsync(string sessionId, CancellationToken cancellationToken) => open.RemoveAsync(sessionId, cancellationToken);

    /// <summary>Writes whatever index rows changed with this evaluation.</summary>
    public async Task WriteAsync(
        SessionPartition partition,
        IReadOnlyCollection<StoredEvent> events,
        SessionEvaluation evaluation,
        PatientHistoryLookup history,
        ClinicSessionRow clinicRow,
        string clinicRowJson,
        CancellationToken cancellationToken)
    {
        var before = partition.State;

        // Adverse effects never change without a finding changing too (each one is an AE-REPORTED or AE-SEVERE
        // finding), so comparing the row without them is enough to know when to rewrite it.
        if (before?.ClinicIndexJson != clinicRowJson)
        {
            var previous = before?.ClinicIndexJson is { } json ? JsonSerializer.Deserialize<ClinicSessionRow>(json, JsonDefaults.Options) : null;
            string[] obsolete = previous is not null && previous.RowKey != clinicRow.RowKey ? [previous.RowKey] : [];
            await clinics.UpsertAsync(clinicRow.ClinicId, [clinicRow with { AdverseEffects = ComplianceDefinition.AdverseEffects(events) }], obsolete, cancellationToken);
        }

        await WriteFindingsAsync(partition, evaluation, cancellationToken);

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

    /// <summary>
    /// Files the findings this commit adds, changes or retracts in the clinic's findings index: the same diff the
    /// session commit stores. A finding whose detection time moved (a late event became its trigger) leaves its old
    /// key, so its old row is deleted.
    /// </summary>
    private async Task WriteFindingsAsync(SessionPartition partition, SessionEvaluation evaluation, CancellationToken cancellationToken)
    {
        var (changed, _) = FindingDiff.Compare(partition.Findings, evaluation.Findings, clock.GetUtcNow());
        if (changed.Count == 0)
        {
            return;
        }

        var stored = partition.Findings.ToDictionary(f => (f.RuleId, f.EpisodeKey));
        var moved = changed
            .Select(c => stored.TryGetValue((c.RuleId, c.EpisodeKey), out var before) && before.DetectedAt.UtcTicks != c.DetectedAt.UtcTicks ? before : null)
            .OfType<SessionFindingRow>()
            .ToList();
        await findings.WriteAsync(changed, moved, cancellationToken);
    }
}
