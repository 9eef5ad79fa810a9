namespace InfusionAudit.Application.Ports.Sessions;

/// <summary>
/// A clinic's sessions as stored: one session (state, event log, findings) is read in one view and written in one
/// atomic change guarded by the state's version token, so concurrent writers retry instead of losing updates.
/// </summary>
public interface ISessionStore
{
    /// <summary>
    /// The session as this host last wrote it, else read from storage. For writers only: the version check of
    /// <see cref="CommitAsync"/> catches a stale copy. Readers that must see other hosts' writes use <see cref="LoadAsync(string, string, CancellationToken)"/>.
    /// </summary>
    /// <param name="assumeNew">The caller has the session's first event and expects it to be new: skip the read (a commit then fails if it exists).</param>
    /// <exception cref="InvalidOperationException">A stored event no longer passes the contract.</exception>
    Task<HeldSession> LoadForWriteAsync(string clinicId, string sessionId, CancellationToken cancellationToken, bool assumeNew = false);

    /// <summary>This host's copy of a session, without any request; null when it has none.</summary>
    HeldSession? Cached(string clinicId, string sessionId);

    /// <summary>The stored state's version token (one point read), or null when the session has no state yet.</summary>
    Task<string?> StateETagAsync(string clinicId, string sessionId, CancellationToken cancellationToken);

    /// <summary>Drops this host's copy of a session, so the next write reads it.</summary>
    void Forget(string clinicId, string sessionId);

    /// <summary>A session known only by its id, when exactly one clinic holds one: else an empty partition (none).</summary>
    /// <exception cref="InvalidOperationException">Several clinics hold a session with this id: name the clinic.</exception>
    Task<SessionPartition> LoadAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>A session as stored now, in one consistent view (events never paired with a later state's version).</summary>
    Task<SessionPartition> LoadAsync(string clinicId, string sessionId, CancellationToken cancellationToken);

    /// <summary>A session's findings only (retracted ones included), without its events.</summary>
    Task<IReadOnlyList<SessionFindingRow>> LoadFindingsAsync(string clinicId, string sessionId, CancellationToken cancellationToken);

    /// <summary>Marks a session without state as judged on an out-of-date patient history (see <see cref="SessionWrite.ExpectedHistoryStampETag"/>).</summary>
    /// <exception cref="SessionWriteConflictException">The session changed since the read (its state may exist now).</exception>
    Task StampHistoryAsync(HeldSession session, CancellationToken cancellationToken);

    /// <summary>Writes new events, the state and changed findings: all or, for a write too large for one step, in steps that each carry the guarded state.</summary>
    /// <exception cref="SessionWriteConflictException">The state changed or an event was stored by another writer since the read.</exception>
    Task CommitAsync(SessionWrite write, CancellationToken cancellationToken);
}
