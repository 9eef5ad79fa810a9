namespace InfusionAudit.Application.Ports.Sessions;

/// <summary>A change to one session: new events, the new state (guarded by the ETag read), and changed findings.</summary>
/// <param name="ExpectedETag">The state's version token (its ETag, opaque) that was read; null when the session had no state row yet.</param>
/// <param name="ExpectedHistoryStampETag">
/// With no state row yet: the history stamp ETag that was read (null: none). The write that creates the state also
/// writes the stamp, guarded by it, so a stamp set since the read (<see cref="ISessionStore.StampHistoryAsync"/>)
/// fails the write.
/// </param>
public sealed record SessionWrite(
    string SessionId,
    SessionStateRow State,
    string? ExpectedETag,
    IReadOnlyList<SessionEventRow> NewEvents,
    IReadOnlyList<SessionFindingRow> ChangedFindings,
    string? ExpectedHistoryStampETag = null);
