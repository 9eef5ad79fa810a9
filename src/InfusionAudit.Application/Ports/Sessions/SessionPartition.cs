namespace InfusionAudit.Application.Ports.Sessions;

/// <summary>Everything stored for one session, read in one query.</summary>
/// <param name="ClinicId">The clinic whose partition holds the session; empty when the session is unknown.</param>
/// <param name="StateETag">The state's version token (its ETag, opaque) for optimistic concurrency; null when the session is new.</param>
/// <param name="HistoryStampETag">
/// The ETag of the session's history stamp row, null when it has none. Only a session without state needs it: see
/// <see cref="ISessionStore.StampHistoryAsync"/>.
/// </param>
public sealed record SessionPartition(
    string ClinicId,
    string SessionId,
    SessionStateRow? State,
    string? StateETag,
    IReadOnlyList<SessionEventRow> Events,
    IReadOnlyList<SessionFindingRow> Findings,
    string? HistoryStampETag = null);
