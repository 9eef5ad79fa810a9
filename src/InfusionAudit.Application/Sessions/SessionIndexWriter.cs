using System.Text.Json;
using InfusionAudit.Application.Audit;
using InfusionAudit.Application.Configuration;
using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Rems;
using InfusionAudit.Domain.Sessions;
using InfusionAudit.Application.Ports.Indexes;
using InfusionAudit.Application.Ports.Sessions;

namespace InfusionAudit.Application.Sessions;

/// <summary>
/// Keeps the index tables in step with the sessions: the session directory (which clinic holds a session, the open
/// sessions the timer judges, the patient's sessions for the 24 h interval rule), clinic index (audit lists and the
/// compliance report's per-session aggregates) and findings by clinic (audit finding lists). Each is written only when
/// what it holds changes, so a steady stream of events that changes no finding, status or outcome costs no index requests.
/// </summary>
public sealed class SessionIndexWriter(
    ISessionDirectory directory,
    IClinicSessionIndex clinics,
    IClinicFindingIndex findings,
    ClinicCalendar calendar,
    TimeProvider clock)
{
    /// <summary>
    /// The patient's history for one evaluation: the one stored on the session state, merged with
    /// <paramref name="learned"/> (sessions another session's lookup found). When this write is the first to store the
    /// session's start, the session is registered in the patient index first and the index read after: of two sessions
    /// of a patient registering at once, whichever reads last sees the other, and judges it again if it depends on this
    /// one (<see cref="PatientHistoryLookup.Dependents"/>). One directory write (shared with the claim) and one range
    /// read per session; none for later writes.
    /// </summary>
    public async Task<PatientHistoryLookup> PatientHistoryAsync(
        HeldSession partition,
        IReadOnlyCollection<StoredEvent> events,
        IReadOnlyList<PriorSession>? learned,
        CancellationToken cancellationToken)
    {
        var storedJson = partition.State?.PatientHistoryJson;
        var stored = storedJson is null ? PatientHistory.Empty : JsonSerializer.Deserialize<PatientHistory>(storedJson, JsonDefaults.Options) ?? PatientHistory.Empty;
        var start = events
            .Where(e => e.Event.Payload is SessionStartedPayload)
            .OrderBy(e => e.Event.Sequence)
            .ThenBy(e => e.ReceivedAt)
            .FirstOrDefault();
        var startStored = partition.Events.Any(e => e.Event.Type == EventType.SessionStarted);

        // The history is bounded around the latest start known (keeping more than a rule reads is harmless).
        var startedAt = partition.Events.Where(e => e.Event.Type == EventType.SessionStarted).Select(e => e.Event.OccurredAt)
            .Concat(events.Where(e => e.Event.Payload is SessionStartedPayload).Select(e => e.Event.OccurredAt))
            .Select(t => (DateTimeOffset?)t)
            .Max();
        if (start is null || startStored)
        {
            if (learned is null)
            {
                return PatientHistoryLookup.Stored(stored, storedJson);
            }

            var merged = stored.Merge(learned, partition.SessionId).Bounded(startedAt);
            return PatientHistoryLookup.Stored(merged, JsonSerializer.Serialize(merged, JsonDefaults.Options));
        }

        var payload = (SessionStartedPayload)start.Event.Payload;
        var self = new PatientSessionRow(payload.PatientRef, partition.SessionId, start.Event.ClinicId, start.Event.OccurredAt, payload.ProtocolId, payload.Weight.Kilograms,
            payload.PrescribedDosePerWeight?.MilligramsPerKilogram ?? (payload.PrescribedDose?.Milligrams / payload.Weight.Kilograms));
        var isNew = partition.State is null;
        var open = isNew && !events.Any(e => e.Event.Type == EventType.SessionEnded);
        await directory.RegisterAsync(new SessionRegistration(partition.SessionId, partition.ClinicId, Claim: isNew, clock.GetUtcNow(), self, open ? true : null), cancellationToken);

        // Other sessions of the patient: another clinic's session with this id is another session (organisation scope).
        var rows = (await directory.PatientSessionsAsync(payload.PatientRef, cancellationToken))
            .Where(r => r.SessionId != partition.SessionId || r.ClinicId != partition.ClinicId)
            .ToList();
        var patient = rows.Append(self).Select(r => r.ToPrior()).ToList();
        var history = stored.Merge(learned ?? [], partition.SessionId).Merge(patient, partition.SessionId).Bounded(startedAt);
        var selfSession = patient[^1];
        var dependents = rows.Where(r => PatientHistory.DependsOn(r.ToPrior(), selfSession)).ToList();
        return new PatientHistoryLookup(history, JsonSerializer.Serialize(history, JsonDefaults.Options), Registered: true, OpenRegistered: open, patient, dependents);
    }

    /// <summary>
    /// After <paramref name="self"/> recorded its delivered dose: the patient's sessions (one range read), and those whose
    /// <c>COURSE-CUMULATIVE</c> reads that dose, to be judged again. The row is written before the read, as at registration:
    /// of a session ending and a later one registering at once, whichever reads last sees the other.
    /// </summary>
    public async Task<PatientHistoryLookup> DeliveredDoseDependentsAsync(PatientSessionRow self, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(self);
        var rows = (await directory.PatientSessionsAsync(self.PatientRefHash, cancellationToken))
            .Where(r => r.SessionId != self.SessionId || r.ClinicId != self.ClinicId)
            .ToList();
        var selfSession = self.ToPrior();
        var patient = rows.Select(r => r.ToPrior()).Append(selfSession).ToList();
        var dependents = rows.Where(r => PatientHistory.DependsOnDeliveredDose(r.ToPrior(), selfSession)).ToList();
        return new PatientHistoryLookup(PatientHistory.Empty, null, Registered: false, OpenRegistered: false, patient, dependents);
    }

    /// <summary>
    /// The clinic index row that describes a session after an evaluation. It holds only values that change at
    /// milestones (status, findings, end), never running amounts, so that its JSON (kept on the session state)
    /// changes, and the row is rewritten, only then.
    /// </summary>
    /// <param name="fixedDose">The session was judged against a fixed-dose protocol: its dose is reported in mg only.</param>
    /// <param name="remsMissing">For a session reported on the REMS monitoring form, its missing fields (<see cref="RemsMonitoringFormAssembler.MissingFieldNames"/>); else null.</param>
    /// <remarks>The session date is the clinical date: the clinic's local date of the start (of the first event until the start arrives).</remarks>
    public ClinicSessionRow ClinicRow(SessionEvaluation evaluation, bool fixedDose = false, string? remsMissing = null)
    {
        var state = evaluation.State;
        var maxSeverity = evaluation.Findings.Count == 0 ? (Severity?)null : evaluation.Findings.Max(f => f.Severity);
        var ended = state.Status == SessionStatus.Ended;
        return new ClinicSessionRow(
            state.ClinicId,
            state.SessionId,
            calendar.DateOf(state.ClinicId, state.StartedAt ?? state.FirstOccurredAt),
            state.StartedAt,
            state.Status.ToString(),
            state.ProtocolId,
            state.ProtocolVersion,
            maxSeverity?.ToString().ToLowerInvariant(),
            evaluation.Findings.Count,
            state.EndedAt,
            state.EndReason is { } reason ? JsonNamingPolicy.CamelCase.ConvertName(reason.ToString()) : null,
            ended && !fixedDose ? state.DeliveredDoseMgPerKg : null,
            ComplianceDefinition.CompletedWithinProtocol(evaluation),
            ComplianceDefinition.FindingCounts(evaluation.Findings),
            DeliveredMg: ended ? state.DeliveredDoseMg : null,
            DischargedAt: state.DischargedAt,
            RemsMissing: remsMissing,
            FirstReceivedAt: state.FirstReceivedAt);
    }

    private static bool IsAbandoned(IReadOnlyList<SessionFindingRow> stored) =>
        stored.Any(f => f.RuleId == RuleIds.SessionAbandoned && f.RetractedAt is null);

    /// <summary>Takes an ended session off the timer's list.</summary>
    public Task CloseAsync(string clinicId, string sessionId, DateTimeOffset at, CancellationToken cancellationToken) =>
        directory.RegisterAsync(new SessionRegistration(sessionId, clinicId, Claim: false, at, Patient: null, Open: false), cancellationToken);

    /// <summary>
    /// Writes whatever index rows changed with this evaluation. The directory goes first: a session being created is
    /// recorded there for its clinic (unless the history lookup did).
    /// </summary>
    /// <param name="changedFindings">The findings the session commit writes (<see cref="FindingDiff"/>).</param>
    /// <returns>The patient row when this write recorded (or changed) the session's delivered dose on it, else null.</returns>
    public async Task<PatientSessionRow?> WriteAsync(
        HeldSession partition,
        IReadOnlyCollection<StoredEvent> events,
        SessionEvaluation evaluation,
        PatientHistoryLookup history,
        IReadOnlyList<SessionFindingRow> changedFindings,
        ClinicSessionRow clinicRow,
        string clinicRowJson,
        IndexWriteLog log,
        CancellationToken cancellationToken)
    {
        var before = partition.State;
        var ended = evaluation.State.Status == SessionStatus.Ended;
        var wasEnded = before?.Status == nameof(SessionStatus.Ended);
        bool? open = before is null && !ended ? (history.OpenRegistered ? null : true) : ended && !wasEnded && before is not null ? false : null;

        // An abandoned session (off the clock's list) that sends again is open again.
        if (open is null && !ended && IsAbandoned(partition.Findings) && !evaluation.Findings.Any(f => f.RuleId == RuleIds.SessionAbandoned))
        {
            open = true;
        }

        var delivered = DeliveredRow(evaluation, before, history);
        var registration = new SessionRegistration(partition.SessionId, partition.ClinicId, Claim: before is null && !history.Registered, clock.GetUtcNow(), delivered, open);
        if (!registration.IsEmpty)
        {
            await directory.RegisterAsync(registration, cancellationToken);
        }

        // Adverse effects never change without a finding changing too (each one is an AE-REPORTED or AE-SEVERE
        // finding), so comparing the row without them is enough to know when to rewrite it.
        var clinicWrite = Task.CompletedTask;
        var writtenByEarlierAttempt = log.ClinicRow is { } written && written.Json != clinicRowJson;
        var previous = before?.ClinicIndexJson is { } json ? JsonSerializer.Deserialize<ClinicSessionRow>(json, JsonDefaults.Options) : null;
        if (before?.ClinicIndexJson != clinicRowJson || writtenByEarlierAttempt)
        {
            string[] obsolete = [.. new[] { previous?.RowKey, log.ClinicRow?.RowKey }.OfType<string>().Where(k => k != clinicRow.RowKey).Distinct(StringComparer.Ordinal)];
            clinicWrite = clinics.UpsertAsync(clinicRow.ClinicId, [clinicRow with { AdverseEffects = ComplianceDefinition.AdverseEffects(events) }], obsolete, cancellationToken);
            log.ClinicRow = (clinicRow.RowKey, clinicRowJson);
        }

        await Task.WhenAll(clinicWrite, WriteFindingsAsync(partition, changedFindings, clinicRow.SessionDate, previous?.SessionDate, log, cancellationToken));
        return delivered;
    }

    /// <summary>
    /// The session's patient row with its delivered mg/kg (for <c>COURSE-CUMULATIVE</c> and the patient's course), when the
    /// row must be (re)written: the session ended in this write, its start was registered in this write (the end came
    /// first), or a late event changed the dose after the end. The stored clinic row says what was last recorded (its
    /// delivered mg, kept for fixed-dose sessions too). Null otherwise, and for a session without a start. The row goes
    /// into the directory transaction that takes the session off the open list: no request of its own.
    /// </summary>
    private static PatientSessionRow? DeliveredRow(SessionEvaluation evaluation, SessionStateRow? before, PatientHistoryLookup history)
    {
        var state = evaluation.State;
        if (state.Status != SessionStatus.Ended || state.PatientRefHash is not { } patient || state.StartedAt is not { } startedAt || state.ProtocolId is not { } protocolId)
        {
            return null;
        }

        var delivered = state.DeliveredDoseMgPerKg is { } d && double.IsFinite(d) ? d : (double?)null;
        var previous = before?.ClinicIndexJson is { } json ? JsonSerializer.Deserialize<ClinicSessionRow>(json, JsonDefaults.Options) : null;
        var recorded = before?.Status == nameof(SessionStatus.Ended) && !history.Registered && Nullable.Equals(previous?.DeliveredMg, state.DeliveredDoseMg);
        return recorded
            ? null
            : new PatientSessionRow(patient, state.SessionId, state.ClinicId, startedAt, protocolId, state.WeightKg, state.PrescribedDoseMgPerKg, delivered, state.EndedAt);
    }

    /// <summary>
    /// Files the findings this commit adds, changes or retracts in the clinic's findings index, under the session's
    /// clinical date: the diff the session commit stores (<paramref name="changed"/>, computed once by the committer), so
    /// both hold the same rows, retraction times included. A finding whose key moved (a late event became its trigger,
    /// or the session's date moved because its start arrived after other events) leaves its old key, so its old row is
    /// deleted. Rows an earlier attempt of this write filed are brought back to what the session holds: deleted when it
    /// has no such finding, rewritten when it has another version or another date.
    /// </summary>
    private async Task WriteFindingsAsync(
        HeldSession partition,
        IReadOnlyList<SessionFindingRow> changed,
        DateOnly date,
        DateOnly? previousDate,
        IndexWriteLog log,
        CancellationToken cancellationToken)
    {
        var stored = partition.Findings.ToDictionary(f => (f.RuleId, f.EpisodeKey));
        var upserts = changed.ToDictionary(c => (c.RuleId, c.EpisodeKey));
        var deletes = new List<FiledFinding>();
        if (previousDate is { } filedUnder && filedUnder != date)
        {
            foreach (var (key, row) in stored)
            {
                deletes.Add(new FiledFinding(row, filedUnder));
                upserts.TryAdd(key, row);
            }
        }
        else
        {
            deletes.AddRange(changed
                .Select(c => stored.TryGetValue((c.RuleId, c.EpisodeKey), out var before) && before.DetectedAt.UtcTicks != c.DetectedAt.UtcTicks ? new FiledFinding(before, date) : null)
                .OfType<FiledFinding>());
        }

        foreach (var (key, written) in log.Findings)
        {
            var target = upserts.GetValueOrDefault(key) ?? stored.GetValueOrDefault(key);
            if (target is null)
            {
                deletes.Add(written);
                continue;
            }

            if (!upserts.ContainsKey(key) && (target != written.Finding || written.SessionDate != date))
            {
                upserts[key] = target;
            }

            if (target.DetectedAt.UtcTicks != written.Finding.DetectedAt.UtcTicks || written.SessionDate != date)
            {
                deletes.Add(written);
            }
        }

        if (upserts.Count == 0 && deletes.Count == 0)
        {
            return;
        }

        // One delete per key: a transaction may name a row once.
        var distinctDeletes = deletes.DistinctBy(d => (d.SessionDate, d.Finding.DetectedAt.UtcTicks, d.Finding.RuleId, d.Finding.EpisodeKey)).ToList();
        await findings.WriteAsync([.. upserts.Values.Select(f => new FiledFinding(f, date))], distinctDeletes, cancellationToken);
        foreach (var key in log.Findings.Keys.Where(k => !upserts.ContainsKey(k) && !stored.ContainsKey(k)).ToList())
        {
            log.Findings.Remove(key);
        }

        foreach (var (key, row) in upserts)
        {
            log.Findings[key] = new FiledFinding(row, date);
        }
    }
}
