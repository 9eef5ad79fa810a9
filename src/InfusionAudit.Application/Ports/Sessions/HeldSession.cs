using InfusionAudit.Domain.Sessions;

namespace InfusionAudit.Application.Ports.Sessions;

/// <summary>
/// A session as a writer holds it: what <see cref="SessionPartition"/> holds, with its events already parsed and
/// without their stored text, which only readers need. A writer judges the whole event set on every message, so its
/// host keeps this form in memory between messages; the text of a 1 Hz vitals reading is two thirds of the reading's
/// row, so dropping it lets the same memory hold several times more of a clinic's open sessions.
/// </summary>
/// <param name="ClinicId">The clinic whose partition holds the session.</param>
/// <param name="StateETag">The state's version token (its ETag, opaque); null when the session is new.</param>
/// <param name="Events">The stored events as the session engine reads them, in no set order (the engine orders them by sequence and time).</param>
/// <param name="HistoryStampETag">The ETag of the session's history stamp row; null when it has none (see <see cref="ISessionStore.StampHistoryAsync"/>).</param>
public sealed record HeldSession(
    string ClinicId,
    string SessionId,
    SessionStateRow? State,
    string? StateETag,
    IReadOnlyList<StoredEvent> Events,
    IReadOnlyList<SessionFindingRow> Findings,
    string? HistoryStampETag = null)
{
    // Copied by `with`, so a session's later events share the ids its earlier ones hold.
    private readonly StoredEventRows.SharedStrings strings = new(ClinicId, SessionId);

    /// <summary>A session with nothing stored (no state, no events).</summary>
    public static HeldSession Empty(string clinicId, string sessionId) => new(clinicId, sessionId, null, null, [], []);

    /// <summary>The session as read, its events parsed (<see cref="StoredEventRows.Parse(SessionEventRow, StoredEventRows.SharedStrings?)"/>).</summary>
    /// <exception cref="InvalidOperationException">A stored event no longer passes the contract.</exception>
    public static HeldSession Of(SessionPartition partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        var held = new HeldSession(partition.ClinicId, partition.SessionId, partition.State, partition.StateETag, [], partition.Findings, partition.HistoryStampETag);
        return held with { Events = held.Parsed(partition.Events) };
    }

    /// <summary>The session as <paramref name="write"/> left it, its state now at <paramref name="stateETag"/>.</summary>
    /// <exception cref="InvalidOperationException">A written event does not pass the contract (it was validated before).</exception>
    public HeldSession Committed(SessionWrite write, string stateETag)
    {
        ArgumentNullException.ThrowIfNull(write);
        var findings = Findings.ToDictionary(f => (f.RuleId, f.EpisodeKey));
        foreach (var finding in write.ChangedFindings)
        {
            findings[(finding.RuleId, finding.EpisodeKey)] = finding;
        }

        // Parsed from the text as stored, so this copy is what a read of the session would return.
        return this with
        {
            State = write.State,
            StateETag = stateETag,
            Events = [.. Events, .. Parsed(write.NewEvents)],
            Findings = [.. findings.Values],
            HistoryStampETag = null,
        };
    }

    private List<StoredEvent> Parsed(IReadOnlyList<SessionEventRow> rows) => [.. rows.Select(row => StoredEventRows.Parse(row, strings))];
}
