using Azure;
using Azure.Data.Tables;
using InfusionAudit.Application.Configuration;
using InfusionAudit.Application.Diagnostics;
using InfusionAudit.Application.Ports;
using InfusionAudit.Domain.Sessions;
using InfusionAudit.Infrastructure.Storage.Tables;

namespace InfusionAudit.Infrastructure.Storage.Sessions;

/// <summary>
/// Reads and writes sessions in the <see cref="TableNames.Sessions"/> table. A clinic is one partition; a session's rows
/// (state, event log, findings) have row keys starting with its id, so one range query reads a session, and one
/// entity-group transaction writes it: events, state and findings land together or not at all, and the state row's ETag
/// makes concurrent writers retry instead of losing updates. Writes to one clinic that arrive together (the sessions of
/// a message) share one transaction by group commit; a conflict fails only the session that caused it.
/// </summary>
/// Recently written sessions are kept in memory, parsed (<see cref="HeldSession"/>, <see cref="SessionPartitionCache"/>), for the writer's next read.
public sealed class SessionRepository(
    StorageAccount account,
    SessionDirectory directory,
    int cachedSessions = SessionRepository.DefaultCachedSessions,
    long cachedBytes = SessionRepository.DefaultCachedBytes,
    TimeProvider? clock = null) : ISessionStore, ISessionCacheCounts
{
    /// <summary>Sessions kept in memory per host.</summary>
    public const int DefaultCachedSessions = 2048;

    /// <summary>
    /// Memory for those sessions, by estimate (see <see cref="SessionPartitionCache"/>): held parsed, without their
    /// text, a 1 Hz vitals reading takes about 330 bytes (360 by estimate; it was 1.5 KB while rows were held with their
    /// text), so 32 MiB hold some 93,000 readings: 78 minutes of a 20-chair clinic whose every chair streams 1 Hz vitals.
    /// The largest session docs/architecture.md promises (4 h of 1 Hz vitals, about 6 MB) stays held (LargeSessionTests).
    /// The soak measured 96 MiB as a 400 MB working set at 500 events/s (the GC's headroom comes on top of what is
    /// held); 32 MiB keeps the host under its 300 MB target.
    /// </summary>
    public const long DefaultCachedBytes = InfusionAuditOptions.DefaultSessionCacheMegabytes * 1024L * 1024;

    private const string StateRowKey = "state";
    private const string HistoryStampRowKey = "history-stamp";
    private const string EventPrefix = "evt|";
    private const string FindingPrefix = "fnd|";
    private const int MaxTransactionRows = 100;

    /// <summary>A transaction's body is at most 4 MiB; what is sent counts binary properties in base64, so keep a margin.</summary>
    private const long MaxTransactionBytes = 3 * 1024 * 1024;

    private const string CommitPendingColumn = "CommitPending";

    private readonly TableClient table = account.Tables.GetTableClient(TableNames.Sessions);
    private readonly TimeProvider time = clock ?? TimeProvider.System;
    private readonly SessionPartitionCache cache = new(cachedSessions, cachedBytes, clock);
    private readonly PartitionGroupCommit writes = new(account.Tables.GetTableClient(TableNames.Sessions));
    private long cacheHits;
    private long cacheReads;

    /// <summary>
    /// The session as this host last wrote it, else read from the clinic's partition. For writers only: the ETag check
    /// of <see cref="CommitAsync"/> catches a stale copy. Readers that must see other hosts' writes use <see cref="LoadAsync(string, string, CancellationToken)"/>.
    /// A session this host holds under another clinic is returned as held: the caller sees the clinic it belongs to.
    /// </summary>
    /// <param name="assumeNew">
    /// The caller has the session's first event and expects the session to be new: skip the read. If the session does
    /// exist, the write's insert of the state row fails atomically and the caller reads and retries.
    /// </param>
    public async Task<HeldSession> LoadForWriteAsync(string clinicId, string sessionId, CancellationToken cancellationToken, bool assumeNew = false)
    {
        if (cache.TryGet(ClinicSessionKey.Of(clinicId, sessionId), out var cached))
        {
            Interlocked.Increment(ref cacheHits);
            return cached;
        }

        if (assumeNew)
        {
            return HeldSession.Empty(clinicId, sessionId);
        }

        Interlocked.Increment(ref cacheReads);
        var held = HeldSession.Of(await LoadAsync(clinicId, sessionId, cancellationToken));
        cache.Put(held);
        return held;
    }

    public SessionCacheSnapshot CacheSnapshot() =>
        new(Interlocked.Read(ref cacheHits), Interlocked.Read(ref cacheReads), cache.Count, cache.Bytes, cachedBytes, cache.Declined);

    /// <summary>This host's copy of a session (as it last wrote or read it), without any request; null when it has none.</summary>
    public HeldSession? Cached(string clinicId, string sessionId) => cache.TryGet(ClinicSessionKey.Of(clinicId, sessionId), out var held) ? held : null;

    /// <summary>The stored state row's ETag (one point read), or null when the session has no state yet.</summary>
    public async Task<string?> StateETagAsync(string clinicId, string sessionId, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(clinicId, SessionPrefix(sessionId) + StateRowKey, ["Status"], cancellationToken);
        return row.HasValue ? StoreVersion.Of(row.Value!.ETag) : null;
    }

    /// <summary>Drops this host's copy of a session, so the next write reads it.</summary>
    public void Forget(string clinicId, string sessionId) => cache.Evict(ClinicSessionKey.Of(clinicId, sessionId));

    /// <summary>
    /// Reads a session known only by its id, when exactly one clinic has stored a session with that id: the directory
    /// names the clinic, then one range query reads it.
    /// </summary>
    /// <returns>The session, or an empty partition (no state, no events) when no clinic holds it.</returns>
    /// <exception cref="InvalidOperationException">Several clinics hold a session with this id: name the clinic.</exception>
    public async Task<SessionPartition> LoadAsync(string sessionId, CancellationToken cancellationToken)
    {
        var clinics = await directory.ClinicsOfAsync(sessionId, cancellationToken);
        return clinics.Count switch
        {
            0 => new SessionPartition(string.Empty, sessionId, null, null, [], []),
            1 => await LoadAsync(clinics[0], sessionId, cancellationToken),
            _ => throw new InvalidOperationException($"Clinics {string.Join(", ", clinics)} each hold a session {sessionId}; name the clinic."),
        };
    }

    /// <summary>A session's finding rows only (retracted ones included), without its events: one range read.</summary>
    public async Task<IReadOnlyList<SessionFindingRow>> LoadFindingsAsync(string clinicId, string sessionId, CancellationToken cancellationToken)
    {
        var prefix = SessionPrefix(sessionId) + FindingPrefix;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {clinicId} and RowKey ge {prefix} and RowKey lt {prefix[..^1] + "}"}");
        var findings = new List<SessionFindingRow>();
        try
        {
            await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                findings.Add(SessionFindingColumns.Read(entity, sessionId));
            }
        }
        catch (RequestFailedException ex) when (TableMissing.Is(ex))
        {
            return [];
        }

        return findings;
    }

    /// <summary>Reads a session from its clinic's partition (one request per 1,000 rows; see the remarks for more).</summary>
    /// <remarks>
    /// One request is one view of the partition; several are not: another host may commit between them. The state row
    /// sorts after the events and findings, so a read spanning a commit would return the events of before it with the
    /// state and ETag of after it, and a write guarded by that ETag would pass and store a state judged without that
    /// host's events. Every commit rewrites the state row, so it guards the read (<see cref="VersionedRange"/>).
    /// </remarks>
    public async Task<SessionPartition> LoadAsync(string clinicId, string sessionId, CancellationToken cancellationToken)
    {
        var prefix = SessionPrefix(sessionId);

        // '}' follows '|' in ordinal order: the range holds exactly the row keys that start with "{sessionId}|".
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {clinicId} and RowKey ge {prefix} and RowKey lt {sessionId + "}"}");
        try
        {
            var read = await VersionedRange.ReadAsync(table, filter, clinicId, prefix + StateRowKey, () => new RangeRead(sessionId, prefix), cancellationToken);
            var partition = read.Rows.Partition(clinicId);
            return read.Settled
                ? partition
                : read.GuardBefore is { } before
                    ? partition with { State = ToState(before, sessionId), StateETag = StoreVersion.Of(before.ETag) }
                    : partition with { State = null, StateETag = null };
        }
        catch (RequestFailedException ex) when (TableMissing.Is(ex))
        {
            // Storage was reset under a running host: nothing is stored, and the write that follows creates the table.
            return new SessionPartition(clinicId, sessionId, null, null, [], []);
        }
    }

    /// <summary>The rows of one session's range as read, sorted by kind.</summary>
    private sealed class RangeRead(string sessionId, string prefix) : VersionedRange.IVersionedRows
    {
        private readonly List<SessionEventRow> events = [];
        private readonly List<SessionFindingRow> findings = [];
        private SessionStateRow? state;
        private ETag? stamp;

        public ETag? StateETag { get; private set; }

        ETag? VersionedRange.IVersionedRows.GuardETag => StateETag;

        public SessionPartition Partition(string clinicId) => new(clinicId, sessionId, state, StoreVersion.Of(StateETag), events, findings, StoreVersion.Of(stamp));

        public void Add(TableEntity entity)
        {
            var key = entity.RowKey[prefix.Length..];
            if (key == StateRowKey)
            {
                state = ToState(entity, sessionId);
                StateETag = entity.ETag;
            }
            else if (key == HistoryStampRowKey)
            {
                stamp = entity.ETag;
            }
            else if (key.StartsWith(EventPrefix, StringComparison.Ordinal))
            {
                events.Add(ToEvent(entity, sessionId, key[EventPrefix.Length..]));
            }
            else if (key.StartsWith(FindingPrefix, StringComparison.Ordinal))
            {
                findings.Add(SessionFindingColumns.Read(entity, sessionId));
            }
        }
    }

    /// <summary>
    /// Marks a session that has no state yet as judged on an out-of-date patient history: its host may be between
    /// registering it in the patient index and committing it, on a history read before another session of the patient
    /// was registered. The commit that creates the state writes the stamp too, guarded by the stamp it read, so after
    /// this stamp that commit fails, and the retry reads the patient history again.
    /// </summary>
    /// <param name="session">The session as read, with no state.</param>
    /// <exception cref="SessionWriteConflictException">The session changed since the read (its state may exist now).</exception>
    public async Task StampHistoryAsync(HeldSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        cache.Evict(ClinicSessionKey.Of(session.ClinicId, session.SessionId));
        var entity = new TableEntity(session.ClinicId, SessionPrefix(session.SessionId) + HistoryStampRowKey) { ["StampedAt"] = time.GetUtcNow() };
        try
        {
            await writes.WriteGroupAsync([HistoryStampAction(entity, StoreVersion.ToETagOrNull(session.HistoryStampETag))], cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            throw new SessionWriteConflictException($"Session {session.SessionId} changed since it was read ({ex.ErrorCode}).", ex);
        }
    }

    // Add when none was read (fails if one appeared), else replace the one read (fails if it changed).
    private static TableTransactionAction HistoryStampAction(TableEntity entity, ETag? seen) => seen is { } etag
        ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, etag)
        : new TableTransactionAction(TableTransactionActionType.Add, entity);

    /// <summary>Writes new events, the state and changed findings.</summary>
    /// <remarks>
    /// Normally one transaction. A write too large for one (more than 99 rows, or more than
    /// <see cref="MaxTransactionBytes"/>) goes in steps, and each step carries the state row guarded by the ETag the step
    /// before returned: a concurrent writer fails a whole step, never mixes its rows with ours. Every step but the last
    /// marks the state <see cref="SessionStateRow.CommitPending"/>, and the last writes the new state without the mark,
    /// so a commit cut short by a crash or a 503 leaves a mark that the next writer (a redelivery, the next message, the
    /// clock) sees, and judges the session again from the stored events.
    /// </remarks>
    /// <exception cref="SessionWriteConflictException">The state changed or an event was stored by another writer since the read.</exception>
    public async Task CommitAsync(SessionWrite write, CancellationToken cancellationToken)
    {
        var clinicId = write.State.ClinicId;
        var state = ToEntity(clinicId, write.State);
        var eventActions = write.NewEvents.Select(e => new TableTransactionAction(TableTransactionActionType.Add, ToEntity(clinicId, e))).ToList();
        var findingActions = write.ChangedFindings.Select(f => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(clinicId, f))).ToList();

        // The write creating the state also settles the history stamp it read: see StampHistoryAsync.
        TableTransactionAction[] stampAction = write.ExpectedETag is null
            ? [HistoryStampAction(new TableEntity(clinicId, SessionPrefix(write.SessionId) + HistoryStampRowKey) { ["StampedAt"] = write.State.UpdatedAt }, StoreVersion.ToETagOrNull(write.ExpectedHistoryStampETag))]
            : [];

        try
        {
            List<TableTransactionAction> rows = [.. eventActions, .. findingActions];
            var stateBytes = EntitySize.Estimate(state);
            var stampBytes = stampAction.Sum(a => EntitySize.Estimate(a.Entity));
            if (rows.Count + 1 + stampAction.Length <= MaxTransactionRows
                && stateBytes + stampBytes + rows.Sum(r => EntitySize.Estimate(r.Entity)) <= MaxTransactionBytes)
            {
                var stateAction = write.ExpectedETag is { } expected
                    ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, state, StoreVersion.ToETag(expected))
                    : new TableTransactionAction(TableTransactionActionType.Add, state);
                var responses = await writes.WriteGroupAsync([.. eventActions, stateAction, .. findingActions, .. stampAction], cancellationToken);
                Remember(write, responses[eventActions.Count].Headers.ETag);
                return;
            }

            Remember(write, await CommitInStepsAsync(write, state, rows, stateBytes, stampAction, cancellationToken));
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            cache.Evict(ClinicSessionKey.Of(clinicId, write.SessionId));
            throw new SessionWriteConflictException($"Session {write.SessionId} changed since it was read ({ex.ErrorCode}).", ex);
        }
        catch
        {
            cache.Evict(ClinicSessionKey.Of(clinicId, write.SessionId));
            throw;
        }
    }

    /// <summary>
    /// The steps of a write too large for one transaction (see <see cref="CommitAsync"/>); returns the final state ETag.
    /// The history stamp (if any) goes in the last step with the final state: a stamp written by another host while the
    /// steps run fails that step, the state stays marked pending, and the retry judges the session again on a fresh history.
    /// </summary>
    private async Task<ETag?> CommitInStepsAsync(
        SessionWrite write, TableEntity state, List<TableTransactionAction> rows, long stateBytes, TableTransactionAction[] stampAction, CancellationToken cancellationToken)
    {
        var steps = Steps(rows, stateBytes);
        var last = steps[^1];
        if (stampAction.Length > 0
            && (last.Count + 1 + stampAction.Length > MaxTransactionRows
                || stateBytes + last.Sum(r => EntitySize.Estimate(r.Entity)) + stampAction.Sum(a => EntitySize.Estimate(a.Entity)) > MaxTransactionBytes))
        {
            // No room for the stamp beside the last rows: the final state and the stamp go in a step of their own.
            steps.Add([]);
        }

        var expected = StoreVersion.ToETagOrNull(write.ExpectedETag);
        for (var i = 0; i < steps.Count; i++)
        {
            TableTransactionAction stateAction;
            if (i == steps.Count - 1)
            {
                stateAction = expected is { } etag
                    ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, state, etag)
                    : new TableTransactionAction(TableTransactionActionType.Add, state);
            }
            else if (expected is { } etag)
            {
                // Only the mark: the stored state stays the one that its events were judged by until the last step.
                stateAction = new TableTransactionAction(
                    TableTransactionActionType.UpdateMerge,
                    new TableEntity(state.PartitionKey, state.RowKey) { [CommitPendingColumn] = true },
                    etag);
            }
            else
            {
                var pending = new TableEntity(state) { [CommitPendingColumn] = true };
                stateAction = new TableTransactionAction(TableTransactionActionType.Add, pending);
            }

            var isLast = i == steps.Count - 1;
            var responses = await writes.WriteGroupAsync(isLast ? [.. steps[i], stateAction, .. stampAction] : [.. steps[i], stateAction], cancellationToken);
            expected = responses[steps[i].Count].Headers.ETag;
            if (expected is null && i < steps.Count - 1)
            {
                throw new InvalidOperationException($"Storage returned no ETag for the state of session {write.SessionId}; the commit cannot go on guarded.");
            }
        }

        return expected;
    }

    /// <summary>Rows in arrival order, cut so that each step holds at most 99 of them and stays within the byte budget with the state.</summary>
    private static List<List<TableTransactionAction>> Steps(List<TableTransactionAction> rows, long stateBytes)
    {
        var steps = new List<List<TableTransactionAction>> { new() };
        var bytes = stateBytes;
        foreach (var row in rows)
        {
            var size = EntitySize.Estimate(row.Entity);
            if (steps[^1].Count > 0 && (steps[^1].Count + 1 >= MaxTransactionRows || bytes + size > MaxTransactionBytes))
            {
                steps.Add([]);
                bytes = stateBytes;
            }

            steps[^1].Add(row);
            bytes += size;
        }

        return steps;
    }

    /// <summary>Keeps the session as just written, with the state's new ETag, for this host's next write.</summary>
    private void Remember(SessionWrite write, ETag? stateETag)
    {
        var key = ClinicSessionKey.Of(write.State.ClinicId, write.SessionId);
        if (StoreVersion.Of(stateETag) is not { } version || !cache.TryGet(key, out var before) && write.ExpectedETag is not null)
        {
            // No ETag to guard the next write with, or a session this host has not read in full: read it next time.
            cache.Evict(key);
            return;
        }

        try
        {
            cache.Put((before ?? HeldSession.Empty(write.State.ClinicId, write.SessionId)).Committed(write, version));
        }
        catch (InvalidOperationException)
        {
            // A written event that does not parse back (the contract let it in, so this is a defect): the commit stands,
            // so do not fail it here. The next write reads the session, and its parse stops that write, loudly.
            cache.Evict(key);
        }
    }

    private static string SessionPrefix(string sessionId) => sessionId + "|";

    private static TableEntity ToEntity(string clinicId, SessionStateRow row)
    {
        var entity = new TableEntity(clinicId, SessionPrefix(row.SessionId) + StateRowKey)
        {
            ["ClinicId"] = row.ClinicId,
            ["Status"] = row.Status,
            ["EventCount"] = row.EventCount,
            ["ClinicIndexJson"] = row.ClinicIndexJson,
            ["UpdatedAt"] = row.UpdatedAt,
        };
        Utf8Property.Write(entity, "StateJson", row.StateJson);

        // A string property holds 32 K characters: about 270 earlier sessions of a patient. As UTF-8 binary in chunks
        // the history grows with the entity's 1 MiB instead.
        if (row.PatientHistoryJson is { } history)
        {
            Utf8Property.Write(entity, "PatientHistoryJson", history);
        }

        return entity;
    }

    private static SessionStateRow ToState(TableEntity entity, string sessionId) => new(
        sessionId,
        entity.GetString("ClinicId") ?? string.Empty,
        entity.GetString("Status") ?? string.Empty,
        entity.GetInt64("EventCount") ?? 0,
        Utf8Property.Read(entity, "StateJson"),
        entity.ContainsKey("PatientHistoryJson") ? Utf8Property.Read(entity, "PatientHistoryJson") : null,
        entity.GetString("ClinicIndexJson"),
        entity.GetDateTimeOffset("UpdatedAt") ?? default,
        entity.GetBoolean(CommitPendingColumn) ?? false);

    private static TableEntity ToEntity(string clinicId, SessionEventRow row)
    {
        var entity = new TableEntity(clinicId, SessionPrefix(row.SessionId) + EventPrefix + row.EventId)
        {
            ["EventId"] = row.EventId,
            ["Sequence"] = row.Sequence,
            ["Type"] = row.Type,
            ["ClinicId"] = row.ClinicId,
            ["DeviceId"] = row.DeviceId,
            ["OccurredAt"] = row.OccurredAt,
            ["ReceivedAt"] = row.ReceivedAt,
        };
        Utf8Property.Write(entity, "RawJson", row.RawJson);
        return entity;
    }

    private static SessionEventRow ToEvent(TableEntity entity, string sessionId, string eventId) => new(
        sessionId,
        entity.GetString("EventId") ?? eventId,
        entity.GetInt64("Sequence") ?? -1,
        entity.GetString("Type") ?? string.Empty,
        entity.GetString("ClinicId") ?? string.Empty,
        entity.GetString("DeviceId") ?? string.Empty,
        entity.GetDateTimeOffset("OccurredAt") ?? default,
        entity.GetDateTimeOffset("ReceivedAt") ?? default,
        Utf8Property.Read(entity, "RawJson"));

    private static TableEntity ToEntity(string clinicId, SessionFindingRow row)
    {
        var entity = new TableEntity(clinicId, SessionPrefix(row.SessionId) + FindingRowKey(row.RuleId, row.EpisodeKey));
        SessionFindingColumns.Write(entity, row);
        return entity;
    }

    private static string FindingRowKey(string ruleId, string episodeKey) =>
        FindingPrefix + KeyEncoding.Escape(ruleId) + "|" + KeyEncoding.Escape(episodeKey);
}
