using Azure;

namespace InfusionAudit.Storage.Sessions;

/// <summary>A change to one session: new events, the new state (guarded by the ETag read), and changed findings.</summary>
/// <param name="ExpectedETag">The state ETag that was read; null when the session had no state row yet.</param>
public sealed record SessionWrite(
    string SessionId,
    SessionStateRow State,
    ETag? ExpectedETag,
    IReadOnlyList<SessionEventRow> NewEvents,
    IReadOnlyList<SessionFindingRow> ChangedFindings);
