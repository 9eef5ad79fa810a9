namespace InfusionAudit.Application.Ports.Sessions;

/// <summary>The session's derived state, stored as JSON beside a few columns the hosts need without parsing it.</summary>
/// <param name="PatientHistoryJson">
/// The patient's other sessions: looked up when the start is stored, and merged with what later-registered sessions of
/// the patient found (they judge this one again), so later batches need no index read.
/// </param>
/// <param name="ClinicIndexJson">The clinic index row last written for this session, so it is rewritten only when it changes.</param>
/// <param name="CommitPending">
/// A commit in several transactions began and has not finished (see <see cref="ISessionStore.CommitAsync"/>): events
/// or findings may be stored that this state does not account for, so the session must be judged again and written.
/// </param>
public sealed record SessionStateRow(
    string SessionId,
    string ClinicId,
    string Status,
    long EventCount,
    string StateJson,
    string? PatientHistoryJson,
    string? ClinicIndexJson,
    DateTimeOffset UpdatedAt,
    bool CommitPending = false);
