namespace InfusionAudit.Domain.Alerts;

/// <summary>
/// The notification bookkeeping of one session (Alertmanager's aggregation group, one per session): when it last
/// notified new problems, which new problems wait for the group window to close, and how many notifications it made.
/// </summary>
/// <param name="SessionId">The session.</param>
/// <param name="ClinicId">The clinic.</param>
/// <param name="LastNotifiedAt">When the last notification of new problems (trigger or follow-up) was made.</param>
/// <param name="Held">New problems (alert ids) waiting for the window to close, oldest first.</param>
/// <param name="FlushAt">When the held problems go out; null when none are held.</param>
/// <param name="NotificationCount">Notifications made so far; the next one is number count + 1.</param>
/// <remarks><see cref="Pending"/> is a property, not a parameter, so group rows stored before it existed still read.</remarks>
public sealed record AlertGroup(
    string SessionId,
    string ClinicId,
    DateTimeOffset? LastNotifiedAt,
    IReadOnlyList<string> Held,
    DateTimeOffset? FlushAt,
    int NotificationCount)
{
    /// <summary>Problems judged with events missing whose page waits for those events (<see cref="PendingAlert"/>), oldest first.</summary>
    public IReadOnlyList<PendingAlert> Pending { get; init; } = [];

    /// <summary>
    /// The session's clinical date (its clinic's local start date), as the session lists file it: the date the session's
    /// alerts are listed under for date ranges. Set by whoever raises from a session evaluation; null on groups stored
    /// before the clinical calendar.
    /// </summary>
    public DateOnly? SessionDate { get; init; }

    /// <summary>A session that has not alerted yet.</summary>
    public static AlertGroup Empty(string sessionId, string clinicId) => new(sessionId, clinicId, null, [], null, 0);
}
