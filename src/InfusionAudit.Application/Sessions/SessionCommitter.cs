using System.Text.Json;
using InfusionAudit.Application.Alerts;
using InfusionAudit.Application.Ingestion;
using InfusionAudit.Application.Telemetry;
using InfusionAudit.Domain.Alerts;
using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Protocols;
using InfusionAudit.Domain.Rems;
using InfusionAudit.Domain.Sessions;
using InfusionAudit.Application.Ports.Alerts;
using InfusionAudit.Application.Ports.Indexes;
using InfusionAudit.Application.Ports.Sessions;
using Microsoft.Extensions.Logging;

namespace InfusionAudit.Application.Sessions;

/// <summary>
/// Folds new events into one session: reads its partition once, sorts out duplicates, judges the whole event set
/// with the session engine, and writes events, state and findings in one transaction guarded by the state ETag.
/// A concurrent writer makes the transaction fail; the committer then reads again and retries, so no update is lost.
/// </summary>
public sealed partial class SessionCommitter(
    ISessionStore sessions,
    SessionIndexWriter indexes,
    ProtocolLibrary protocols,
    AlertRaiser alerts,
    ILogger<SessionCommitter> logger)
{
    // Each conflict round lets exactly one writer win, so the budget must outlast a burst of messages for one
    // session (a batch of 16 per host on several hosts). Past it the exception makes the trigger retry the message.
    private const int MaxAttempts = 40;

    // How long a message that starts past a hole waits for the message filling it: at most 10 × 20 ms.
    private const int MaxHolds = 10;
    private static readonly TimeSpan HoldStep = TimeSpan.FromMilliseconds(20);

    private readonly SessionLocks locks = new();

    /// <summary>Adds the events of one session (a clinic's session id) from one message.</summary>
    public async Task<SessionCommitResult> CommitAsync(string clinicId, string sessionId, IReadOnlyList<IncomingEvent> incoming, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var first = incoming.Min(e => e.Event.Sequence);
        var key = ClinicSessionKey.Of(clinicId, sessionId);
        var turn = await locks.AcquireAsync(key, first, cancellationToken);
        try
        {
            // A message whose events start past a hole in what this host holds of the session most likely overtook
            // the message that fills it (messages are handled side by side): give that one the turn first, briefly, so
            // the session is not judged on a stream with a hole that is about to close (a transient finding would
            // alert). Sequence order decides who goes next (SessionLocks).
            for (var hold = 0; hold < MaxHolds && ExpectsEarlierEvents(clinicId, sessionId, first); hold++)
            {
                if (hold == 0)
                {
                    LogHolding(logger, sessionId, first);
                }

                turn.Dispose();
                await Task.Delay(HoldStep, cancellationToken);
                turn = await locks.AcquireAsync(key, first, cancellationToken);
            }

            return await CommitInTurnAsync(clinicId, sessionId, incoming, receivedAt, cancellationToken);
        }
        finally
        {
            turn.Dispose();
        }
    }

    private async Task<SessionCommitResult> CommitInTurnAsync(string clinicId, string sessionId, IReadOnlyList<IncomingEvent> incoming, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        HashSet<string>? storedBeforeUs = null;
        var indexLog = new IndexWriteLog();

        // Alerts recorded by any attempt (a conflicting attempt's alerts stay stored): sent once the session commit stands.
        var outbox = new List<StoredNotification>();
        for (var attempt = 1; ; attempt++)
        {
            // A message holding the session's first event (sequence 0, the start) most likely opens the session.
            var assumeNew = attempt == 1 && incoming.Any(e => e.Event.Sequence == 0 && e.Event.Type == EventType.SessionStarted);
            var partition = await sessions.LoadForWriteAsync(clinicId, sessionId, cancellationToken, assumeNew);
            // What was stored before this call comes from a real partition (read or cached), never from the
            // optimistic empty one, which knows nothing.
            if (!assumeNew || partition.State is not null)
            {
                storedBeforeUs ??= partition.Events.Select(e => e.Event.EventId).ToHashSet(StringComparer.Ordinal);
            }

            var stored = StoredEvents(partition);
            var (outcomes, newEvents) = Classify(partition, stored, incoming, storedBeforeUs ?? []);
            if (newEvents.Count == 0 && !IsCutShort(partition))
            {
                await alerts.DispatchAsync(outbox, cancellationToken);
                return new SessionCommitResult(outcomes, null, []);
            }

            var all = stored.Values.Concat(newEvents.Select(e => new StoredEvent(e.Event, receivedAt))).ToList();
            try
            {
                var (evaluation, added) = await WriteAsync(partition, all, newEvents, receivedAt, outbox, indexLog, cancellationToken);
                await alerts.DispatchAsync(outbox, cancellationToken);
                return new SessionCommitResult(outcomes, evaluation, added);
            }
            catch (SessionWriteConflictException) when (attempt < MaxAttempts)
            {
                LogConflict(logger, sessionId, attempt);
                await Task.Delay(Backoff(attempt), cancellationToken);
            }
        }
    }

    /// <summary>Judges a session again at <paramref name="asOf"/> (the timer's clock rules) and stores what changed.</summary>
    public async Task<SessionEvaluation?> RefreshAsync(string clinicId, string sessionId, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        var outbox = new List<StoredNotification>();
        var indexLog = new IndexWriteLog();

        // After any message waiting for the session: the clock judges what has arrived.
        using var turn = await locks.AcquireAsync(ClinicSessionKey.Of(clinicId, sessionId), long.MaxValue, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var partition = await sessions.LoadForWriteAsync(clinicId, sessionId, cancellationToken);
            if (partition.Events.Count == 0)
            {
                return null;
            }

            try
            {
                var (evaluation, added) = await WriteAsync(partition, [.. StoredEvents(partition).Values], [], asOf, outbox, indexLog, cancellationToken);
                await alerts.DispatchAsync(outbox, cancellationToken);

                // Findings the clock raised (overdue, silent, no start) count like those raised by events.
                InfusionAuditTelemetry.RecordFindings(added);
                if (evaluation.State.Status == SessionStatus.Ended || evaluation.Findings.Any(f => f.RuleId == RuleIds.SessionAbandoned))
                {
                    // Normally removed when the end arrived; this heals an index write lost to a crash. An abandoned
                    // session leaves the clock's list too, so one that never ends stops costing work at every tick.
                    await indexes.CloseAsync(partition.ClinicId, sessionId, asOf, cancellationToken);
                }

                return evaluation;
            }
            catch (SessionWriteConflictException) when (attempt < MaxAttempts)
            {
                await Task.Delay(Backoff(attempt), cancellationToken);
            }
        }
    }

    /// <summary>
    /// True when the events start past what this host holds of the session: a session it has not seen, without its
    /// start, or a hole between the highest sequence it holds and the lowest one coming.
    /// </summary>
    private bool ExpectsEarlierEvents(string clinicId, string sessionId, long first)
    {
        var held = sessions.Cached(clinicId, sessionId);
        if (held?.State is null)
        {
            return first > 0;
        }

        var highest = held.Events.Count == 0 ? -1 : held.Events.Max(e => e.Event.Sequence);
        return first > highest + 1;
    }

    /// <summary>
    /// True when a commit of the session stopped part way (a crash or a storage error between its transactions): events
    /// are stored that the state does not count, or the state still bears the mark of an unfinished commit. Such a
    /// session is judged again and written even when the message brings nothing new: its redelivery heals it.
    /// </summary>
    private static bool IsCutShort(HeldSession partition) => partition.State is { } state
        ? state.CommitPending || state.EventCount != partition.Events.Count
        : partition.Events.Count > 0;

    /// <summary>The stored events of a session as the engine sees them, by event id.</summary>
    private static Dictionary<string, StoredEvent> StoredEvents(HeldSession session)
    {
        var events = new Dictionary<string, StoredEvent>(session.Events.Count, StringComparer.Ordinal);
        foreach (var stored in session.Events)
        {
            events[stored.Event.EventId] = stored;
        }

        return events;
    }

    private static (List<EventOutcome> Outcomes, List<IncomingEvent> NewEvents) Classify(
        HeldSession partition,
        Dictionary<string, StoredEvent> stored,
        IReadOnlyList<IncomingEvent> incoming,
        HashSet<string> storedBeforeUs)
    {
        var verdicts = SessionIntake.Classify([.. incoming.Select(e => e.Event)], stored, storedBeforeUs);
        var outcomes = new List<EventOutcome>(incoming.Count);
        var newEvents = new List<IncomingEvent>(incoming.Count);
        for (var i = 0; i < incoming.Count; i++)
        {
            var item = incoming[i];
            if (verdicts[i] == IntakeVerdict.New)
            {
                newEvents.Add(item);
            }

            outcomes.Add(verdicts[i] switch
            {
                IntakeVerdict.EventIdReused => new EventOutcome(item.Index, item.Event.EventId, EventOutcomeStatus.Rejected, SessionIntake.EventIdReusedRejection(item.Event)),
                IntakeVerdict.Duplicate => new EventOutcome(item.Index, item.Event.EventId, EventOutcomeStatus.Duplicate, null),
                // New, or stored by an earlier attempt of this very call (a chunked write that then conflicted): ours.
                _ => new EventOutcome(item.Index, item.Event.EventId, EventOutcomeStatus.Accepted, null),
            });
        }

        return (outcomes, newEvents);
    }

    // A stored critical or warning finding of a rule whose page may be held changed or withdrawn, not first stored: it
    // may settle a held page, so the alert partition is read. A vital-sign warning whose evidence moves with every
    // reading (catalogue v2 has several) must not cost that read and a state read on every message of the session.
    private static bool RevisesAlertingFindings(List<SessionFindingRow> changed, List<Finding> added) =>
        changed.Count > added.Count
        && changed.Exists(row =>
            AlertPolicy.MayHoldPageOf(row.RuleId)
            && SeverityOrder.Rank(row.Severity) >= SeverityOrder.Rank(Severity.Warning)
            && !added.Exists(f => f.RuleId == row.RuleId && f.EpisodeKey == row.EpisodeKey));

    private async Task<(SessionEvaluation Evaluation, IReadOnlyList<Finding> Added)> WriteAsync(
        HeldSession partition,
        IReadOnlyCollection<StoredEvent> all,
        IReadOnlyList<IncomingEvent> newEvents,
        DateTimeOffset asOf,
        List<StoredNotification> outbox,
        IndexWriteLog indexLog,
        CancellationToken cancellationToken,
        IReadOnlyList<PriorSession>? learned = null)
    {
        var history = await indexes.PatientHistoryAsync(partition, all, learned, cancellationToken);
        var evaluation = SessionEngine.Evaluate(all, protocols, history.History, asOf, PinnedProtocolVersion(partition, all));
        var (changed, added) = FindingDiff.Compare(partition.Findings, evaluation.Findings, asOf);
        var judged = evaluation.State.ProtocolId is { } protocolId ? protocols.Find(protocolId, evaluation.State.ProtocolVersion) : null;
        // The REMS form's completeness changes at milestones (a device, a pressure in the window, the discharge), so the
        // row is rewritten only then; assembling it is one more pass over the events, for the form's sessions only.
        var remsMissing = RemsMonitoringFormAssembler.AppliesTo(judged)
            ? RemsMonitoringFormAssembler.MissingFieldNames(RemsMonitoringFormAssembler.Assemble(evaluation.State, all, judged!))
            : null;
        var clinicRow = indexes.ClinicRow(evaluation, fixedDose: judged?.FixedDose is not null, remsMissing);
        var clinicRowJson = JsonSerializer.Serialize(clinicRow, JsonDefaults.Options);
        var stateJson = StoredSessionState.Serialize(evaluation.State);

        // Nothing new for a timer refresh: skip the write entirely (unless an earlier attempt left index rows to put right).
        if (newEvents.Count == 0 && changed.Count == 0 && partition.State?.StateJson == stateJson && partition.State?.PatientHistoryJson == history.Json
            && !IsCutShort(partition) && indexLog.Findings.Count == 0 && indexLog.ClinicRow is null)
        {
            return (evaluation, added);
        }

        // An alert pages a person, and a stored alert is sent even if this write then loses its commit. So before
        // anything that alerts, make sure the session is judged on what is stored, not on this host's copy of it that
        // another host may have moved on (a stop it stored would be missing here): one point read, only for the rare
        // writes that alert.
        var alertRequest = new AlertRaiseRequest(
            partition.SessionId, evaluation, added, all, partition.State?.Status == nameof(SessionStatus.Ended), RevisesAlertingFindings(changed, added));
        if (alerts.Concerns(alertRequest)
            && await sessions.StateETagAsync(partition.ClinicId, partition.SessionId, cancellationToken) is var stored
            && (partition.State is null ? stored is not null : stored != partition.StateETag))
        {
            sessions.Forget(partition.ClinicId, partition.SessionId);
            throw new SessionWriteConflictException($"Session {partition.SessionId} changed on another host; judging it again before alerting.");
        }

        // Indexes are written before the session commit: they are idempotent upserts, and a commit that then fails
        // is retried (or the message redelivered), which rewrites them from the newer evaluation.
        var delivered = await indexes.WriteAsync(partition, all, evaluation, history, changed, clinicRow, clinicRowJson, indexLog, cancellationToken);

        var state = new SessionStateRow(
            partition.SessionId,
            evaluation.State.ClinicId,
            evaluation.State.Status.ToString(),
            all.Count,
            stateJson,
            history.Json,
            clinicRowJson,
            asOf);
        var rows = newEvents.Select(e => new SessionEventRow(
            partition.SessionId,
            e.Event.EventId,
            e.Event.Sequence,
            e.Event.Type.ToString(),
            e.Event.ClinicId,
            e.Event.DeviceId,
            e.Event.OccurredAt,
            asOf,
            e.RawJson)).ToList();
        // Alerts are recorded before the commit, like the indexes: once the session commit stands, redelivery shows no
        // new finding, so an alert written after it could be lost to a crash in between. Deterministic ids make the
        // retry of a failed commit find them already there; sending waits for the commit (CommitAsync, RefreshAsync).
        outbox.AddRange(await alerts.RaiseAsync(alertRequest, cancellationToken));

        // Before this commit, which records that the lookup is done: a crash in between makes the retry look up and
        // judge the dependents again, where judging them after the commit could be lost.
        // The session's delivered dose, once on its patient row, is judged by the later sessions of its course: that
        // read is the newer, so a session both lookups name (a whole session in one message) is judged once, with it.
        var deliveredLookup = delivered is not null && judged?.Course?.MaxMgPerKgPer7Days is not null
            ? await indexes.DeliveredDoseDependentsAsync(delivered, cancellationToken)
            : null;
        await JudgeDependentsAgainAsync(partition.SessionId, deliveredLookup is null ? history : WithoutDependentsOf(history, deliveredLookup), asOf, indexLog, cancellationToken);
        if (deliveredLookup is not null)
        {
            await JudgeDependentsAgainAsync(partition.SessionId, deliveredLookup, asOf, indexLog, cancellationToken);
        }

        await sessions.CommitAsync(
            new SessionWrite(partition.SessionId, state, partition.State is null ? null : partition.StateETag, rows, changed, partition.HistoryStampETag),
            cancellationToken);
        return (evaluation, added);
    }

    private static PatientHistoryLookup WithoutDependentsOf(PatientHistoryLookup history, PatientHistoryLookup later)
    {
        var judgedLater = later.Dependents.Select(d => ClinicSessionKey.Of(d.ClinicId, d.SessionId)).ToHashSet(StringComparer.Ordinal);
        return history with { Dependents = [.. history.Dependents.Where(d => !judgedLater.Contains(ClinicSessionKey.Of(d.ClinicId, d.SessionId)))] };
    }

    /// <summary>
    /// Judges again the sessions of the patient that the lookup found to depend on this one (started at or after it),
    /// with this session in their history. Their findings then come out as if this session had been known first.
    /// </summary>
    private async Task JudgeDependentsAgainAsync(string sessionId, PatientHistoryLookup history, DateTimeOffset asOf, IndexWriteLog indexLog, CancellationToken cancellationToken)
    {
        foreach (var dependent in history.Dependents)
        {
            if (!indexLog.StampedSessions.Contains(ClinicSessionKey.Of(dependent.ClinicId, dependent.SessionId)))
            {
                await JudgeAgainAsync(dependent, history.Patient, asOf, indexLog, cancellationToken);
            }
        }

        if (history.Dependents.Count > 0)
        {
            LogDependents(logger, sessionId, history.Dependents.Count);
        }
    }

    /// <summary>
    /// Judges one session again with <paramref name="patient"/> merged into its history and stores what changed, under its
    /// state ETag. Without state its first commit is still to come (its host is between registering and committing it, or
    /// died there): the session is stamped instead, which fails that commit so that it looks the history up again.
    /// </summary>
    /// <remarks>
    /// No per-session turn is taken here: two sessions at the same instant judge each other, and waiting for each
    /// other's turn would deadlock. The ETag keeps this write and the session's own writes from losing each other.
    /// </remarks>
    private async Task JudgeAgainAsync(PatientSessionRow dependent, IReadOnlyList<PriorSession> patient, DateTimeOffset asOf, IndexWriteLog callerLog, CancellationToken cancellationToken)
    {
        var outbox = new List<StoredNotification>();
        var indexLog = new IndexWriteLog();
        for (var attempt = 1; ; attempt++)
        {
            var partition = await sessions.LoadForWriteAsync(dependent.ClinicId, dependent.SessionId, cancellationToken);
            try
            {
                if (partition.State is null)
                {
                    await sessions.StampHistoryAsync(partition, cancellationToken);
                    callerLog.StampedSessions.Add(ClinicSessionKey.Of(dependent.ClinicId, dependent.SessionId));
                    return;
                }

                if (partition.Events.Count == 0)
                {
                    return;
                }

                var (_, added) = await WriteAsync(partition, [.. StoredEvents(partition).Values], [], asOf, outbox, indexLog, cancellationToken, patient);
                await alerts.DispatchAsync(outbox, cancellationToken);
                InfusionAuditTelemetry.RecordFindings(added);
                return;
            }
            catch (SessionWriteConflictException) when (attempt < MaxAttempts)
            {
                sessions.Forget(dependent.ClinicId, dependent.SessionId);
                await Task.Delay(Backoff(attempt), cancellationToken);
            }
        }
    }

    /// <summary>The version the stored session was judged against, kept while its start names the same protocol (<see cref="SessionIntake.PinnedProtocolVersion"/>).</summary>
    private static int? PinnedProtocolVersion(HeldSession partition, IReadOnlyCollection<StoredEvent> events)
    {
        if (partition.State is null)
        {
            return null;
        }

        var judged = JudgedProtocol.Of(partition.State);
        return SessionIntake.PinnedProtocolVersion(judged.Id, judged.Version, events);
    }

    // Full jitter, growing to 1 s: spreads the losers of a round so the next round has fewer contenders.
    private static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(Random.Shared.Next(1, (int)Math.Min(1000, 10 * Math.Pow(2, Math.Min(attempt, 7)))));

    [LoggerMessage(Level = LogLevel.Debug, Message = "Session {SessionId} is earlier than {Count} known session(s) of its patient; they were judged again")]
    private static partial void LogDependents(ILogger logger, string sessionId, int count);

    // Says why a message took longer (and lets a test see that the overtaking message really waited).
    [LoggerMessage(Level = LogLevel.Debug, Message = "Events of session {SessionId} from sequence {First} wait for the earlier events of a message they overtook")]
    private static partial void LogHolding(ILogger logger, string sessionId, long first);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Session {SessionId} changed while it was being written (attempt {Attempt}); reading it again")]
    private static partial void LogConflict(ILogger logger, string sessionId, int attempt);
}
