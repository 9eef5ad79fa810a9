namespace InfusionAudit.Domain.Sessions;

/// <summary>
/// The other sessions of the session's patient, for <c>PATIENT-INTERVAL</c>, first-session dosing and the catalogue v2
/// history rules (<c>WEIGHT-CHANGED</c>, <c>WEIGHT-UNITS-SUSPECT</c>, <c>COURSE-FREQUENCY</c>, <c>DOSE-ESCALATION</c>).
/// </summary>
/// <param name="Sessions">Sessions in any order.</param>
/// <param name="EarlierSessions">
/// How many other sessions of the patient started at or before this one, as far as known: with a bounded history
/// (<see cref="Bounded"/>) more than <paramref name="Sessions"/> holds.
/// </param>
/// <remarks>
/// Every rule that reads the history looks back only: a session's findings depend on the sessions of its patient that
/// started at or before it, never on later ones (<see cref="DependsOn"/>). That is what lets the backend re-judge just
/// the later sessions when an earlier one becomes known, in whatever order and on whatever host they arrive.
/// </remarks>
public sealed record PatientHistory(IReadOnlyList<PriorSession> Sessions, int EarlierSessions = 0)
{
    /// <summary>
    /// At most this many sessions of the look-back window are kept (the nearest to the session's start): a history
    /// of a patient with hundreds of sessions stays a few kilobytes on the session's state row.
    /// </summary>
    public const int MaxSessions = 100;

    /// <summary>
    /// The longest look-back of the catalogue's history rules (v2: <c>WEIGHT-CHANGED</c>, 90 days; today's
    /// <c>PATIENT-INTERVAL</c> reads <c>timing.patientIntervalHours</c>, 24 h by default).
    /// </summary>
    public static TimeSpan LookBack { get; } = TimeSpan.FromDays(90);

    /// <summary>A patient with no other session.</summary>
    public static PatientHistory Empty { get; } = new([]);

    /// <summary>
    /// This history and <paramref name="known"/> together, one entry per session id (the one from
    /// <paramref name="known"/> where both name it, unless only the other knows the delivered dose), <paramref name="self"/>
    /// left out, ordered by start then id. A union: merging in any order and any number of times gives the same history,
    /// so concurrent writers converge.
    /// </summary>
    /// <remarks>
    /// A session's entry changes once after its start: its end adds the delivered dose. A read made before that end may
    /// be merged after a read made after it (two sessions' lookups judging the same later session), so an entry without
    /// the dose never replaces one with it.
    /// </remarks>
    public PatientHistory Merge(IEnumerable<PriorSession> known, string? self = null)
    {
        ArgumentNullException.ThrowIfNull(known);
        var byId = new Dictionary<string, PriorSession>(StringComparer.Ordinal);
        foreach (var session in Sessions.Concat(known))
        {
            if (!string.Equals(session.SessionId, self, StringComparison.Ordinal)
                && !(session.DeliveredMgPerKg is null && byId.TryGetValue(session.SessionId, out var held) && held.DeliveredMgPerKg is not null))
            {
                byId[session.SessionId] = session;
            }
        }

        return new PatientHistory([.. byId.Values.OrderBy(s => s.StartedAt.UtcTicks).ThenBy(s => s.SessionId, StringComparer.Ordinal)], EarlierSessions);
    }

    /// <summary>
    /// What the history rules read of this history for a session started at <paramref name="startedAt"/>: the
    /// <see cref="MaxSessions"/> sessions nearest before it within <see cref="LookBack"/>, the first session of each
    /// protocol (first-session dosing) and the one just before it (the previous session), in start order; sessions
    /// started after it are left out (no rule reads them, <see cref="DependsOn"/>). <see cref="EarlierSessions"/> counts
    /// every earlier session known. Bounding a merge of bounded histories gives the same result as bounding the merge of
    /// the full ones, so writers still converge. With the start unknown, only the count cap applies.
    /// </summary>
    public PatientHistory Bounded(DateTimeOffset? startedAt)
    {
        var start = startedAt?.UtcTicks ?? long.MaxValue;
        var earlier = Sessions.Where(s => s.StartedAt.UtcTicks <= start)
            .OrderBy(s => s.StartedAt.UtcTicks).ThenBy(s => s.SessionId, StringComparer.Ordinal).ToList();
        var from = startedAt is null ? long.MinValue : start - LookBack.Ticks;
        var keep = new HashSet<string>(StringComparer.Ordinal);
        for (var i = earlier.Count - 1; i >= 0 && keep.Count < MaxSessions && earlier[i].StartedAt.UtcTicks >= from; i--)
        {
            keep.Add(earlier[i].SessionId);
        }

        foreach (var first in earlier.GroupBy(s => s.ProtocolId, StringComparer.Ordinal).Select(g => g.First()))
        {
            keep.Add(first.SessionId);
        }

        if (earlier.Count > 0)
        {
            keep.Add(earlier[^1].SessionId);
        }

        var count = startedAt is null ? EarlierSessions : Math.Max(EarlierSessions, earlier.Count);
        return new PatientHistory([.. earlier.Where(s => keep.Contains(s.SessionId))], count);
    }

    /// <summary>True when <paramref name="other"/> holds the same sessions, whatever their order.</summary>
    public bool SameSessionsAs(PatientHistory other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Sessions.Count == other.Sessions.Count && !Sessions.Except(other.Sessions).Any();
    }

    /// <summary>The rolling window of the course rules (<c>COURSE-FREQUENCY</c>, <c>COURSE-CUMULATIVE</c>).</summary>
    public static TimeSpan CourseWindow { get; } = TimeSpan.FromDays(7);

    /// <summary>
    /// True when the findings of <paramref name="later"/> may depend on the delivered dose of <paramref name="earlier"/>
    /// (<c>COURSE-CUMULATIVE</c>): a session of the same protocol that started at or after it and within the course window.
    /// When the delivered dose of a session becomes known or changes, these sessions are judged again.
    /// </summary>
    public static bool DependsOnDeliveredDose(PriorSession later, PriorSession earlier) =>
        DependsOn(later, earlier)
        && string.Equals(later.ProtocolId, earlier.ProtocolId, StringComparison.Ordinal)
        && later.StartedAt.UtcTicks - earlier.StartedAt.UtcTicks < CourseWindow.Ticks;

    /// <summary>
    /// True when the findings of <paramref name="later"/> may depend on <paramref name="earlier"/>: another session
    /// that started at or after it (sessions at the same instant depend on each other).
    /// </summary>
    public static bool DependsOn(PriorSession later, PriorSession earlier)
    {
        ArgumentNullException.ThrowIfNull(later);
        ArgumentNullException.ThrowIfNull(earlier);
        return !string.Equals(later.SessionId, earlier.SessionId, StringComparison.Ordinal) && later.StartedAt.UtcTicks >= earlier.StartedAt.UtcTicks;
    }
}
