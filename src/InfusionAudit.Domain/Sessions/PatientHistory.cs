namespace InfusionAudit.Domain.Sessions;

/// <summary>The other sessions of the session's patient, for <c>PATIENT-INTERVAL</c> and first-session dosing.</summary>
/// <param name="Sessions">Sessions in any order.</param>
/// <remarks>
/// Every rule that reads the history looks back only: a session's findings depend on the sessions of its patient that
/// started at or before it, never on later ones (<see cref="DependsOn"/>). That is what lets the backend re-judge just
/// the later sessions when an earlier one becomes known, in whatever order and on whatever host they arrive.
/// </remarks>
public sealed record PatientHistory(IReadOnlyList<PriorSession> Sessions)
{
    /// <summary>A patient with no other session.</summary>
    public static PatientHistory Empty { get; } = new([]);

    /// <summary>
    /// This history and <paramref name="known"/> together, one entry per session id (the one from
    /// <paramref name="known"/> where both name it), <paramref name="self"/> left out, ordered by start then id. A union:
    /// merging in any order and any number of times gives the same history, so concurrent writers converge.
    /// </summary>
    public PatientHistory Merge(IEnumerable<PriorSession> known, string? self = null)
    {
        ArgumentNullException.ThrowIfNull(known);
        var byId = new Dictionary<string, PriorSession>(StringComparer.Ordinal);
        foreach (var session in Sessions.Concat(known))
        {
            if (!string.Equals(session.SessionId, self, StringComparison.Ordinal))
            {
                byId[session.SessionId] = session;
            }
        }

        return new PatientHistory([.. byId.Values.OrderBy(s => s.StartedAt.UtcTicks).ThenBy(s => s.SessionId, StringComparer.Ordinal)]);
    }

    /// <summary>True when <paramref name="other"/> holds the same sessions, whatever their order.</summary>
    public bool SameSessionsAs(PatientHistory other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Sessions.Count == other.Sessions.Count && !Sessions.Except(other.Sessions).Any();
    }

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
