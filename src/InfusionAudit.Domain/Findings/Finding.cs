namespace InfusionAudit.Domain.Findings;

/// <summary>
/// One occurrence of a catalogue rule in a session. (<see cref="RuleId"/>, <see cref="EpisodeKey"/>) is unique per session and
/// the whole record is a deterministic function of the session's events (and, for timer rules, of whether the evaluation time
/// has passed the instant the condition became true), so re-evaluation and replay reproduce it exactly.
/// </summary>
/// <param name="RuleId">A <see cref="RuleIds"/> value.</param>
/// <param name="Severity">The catalogue severity.</param>
/// <param name="SessionId">The session.</param>
/// <param name="ClinicId">The clinic.</param>
/// <param name="ProtocolId">The protocol the finding was judged against (for <c>PROTOCOL-UNKNOWN</c>: the session's id when it is in the library, else <c>~unknown</c>, never the producer's text).</param>
/// <param name="ProtocolVersion">The version judged against; null only for <c>PROTOCOL-UNKNOWN</c> of an id not in the library.</param>
/// <param name="EpisodeKey">Identity of this occurrence: <c>""</c> for once-per-session rules, else an event id or a named part.</param>
/// <param name="Evidence">A sentence for people, with units.</param>
/// <param name="EvidenceValues">The numbers behind <paramref name="Evidence"/>, keys named with their unit (e.g. <c>deliveredMg</c>).</param>
/// <param name="TriggerEventId">The event whose arrival shows the problem; null for timer rules.</param>
/// <param name="DetectedAt">The trigger's receive time, or for timer rules the instant the condition became true.</param>
public sealed record Finding(
    string RuleId,
    Severity Severity,
    string SessionId,
    string ClinicId,
    string ProtocolId,
    int? ProtocolVersion,
    string EpisodeKey,
    string Evidence,
    IReadOnlyDictionary<string, double> EvidenceValues,
    string? TriggerEventId,
    DateTimeOffset DetectedAt)
{
    /// <summary>
    /// The evidence value that counts the events missing from the finding's evidence: sequence numbers not received that
    /// may precede its trigger (all missing numbers for a timer finding). Absent when none is missing. See docs/rules.md,
    /// "Judged with events missing".
    /// </summary>
    public const string EventsMissingKey = "eventsMissing";

    /// <summary>
    /// The evidence value (1) of a <c>DOSE-NOT-COMPUTABLE</c> <c>implausible-clock</c> whose clock verdict compares the
    /// devices' clock offsets: a device's later events, which no sequence gap announces, shrink its offset and may
    /// revise it. Absent for a clock before <c>clock.notBefore</c> or a week behind, which no later event changes.
    /// </summary>
    public const string ClockOffsetJudgedKey = "clockOffsetJudged";

    /// <summary>How many events the finding was judged without (0 when its evidence spans no sequence gap).</summary>
    public long EventsMissing => EvidenceValues.TryGetValue(EventsMissingKey, out var missing) ? (long)missing : 0;

    /// <summary>Value equality, evidence values compared by content (a dictionary's default equality is by reference).</summary>
    public bool Equals(Finding? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        return other is not null
            && RuleId == other.RuleId
            && Severity == other.Severity
            && SessionId == other.SessionId
            && ClinicId == other.ClinicId
            && ProtocolId == other.ProtocolId
            && ProtocolVersion == other.ProtocolVersion
            && EpisodeKey == other.EpisodeKey
            && Evidence == other.Evidence
            && TriggerEventId == other.TriggerEventId
            && DetectedAt.Equals(other.DetectedAt)
            && DetectedAt.Offset == other.DetectedAt.Offset
            && SameValues(EvidenceValues, other.EvidenceValues);
    }

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(RuleId, EpisodeKey, SessionId, DetectedAt, Evidence);

    private static bool SameValues(IReadOnlyDictionary<string, double> left, IReadOnlyDictionary<string, double> right)
    {
        if (left.Count != right.Count)
        {
            return false;
        }

        foreach (var (key, value) in left)
        {
            if (!right.TryGetValue(key, out var otherValue) || !value.Equals(otherValue))
            {
                return false;
            }
        }

        return true;
    }
}
