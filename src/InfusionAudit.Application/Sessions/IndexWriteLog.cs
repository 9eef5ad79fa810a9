using InfusionAudit.Application.Ports.Indexes;
using InfusionAudit.Application.Ports.Sessions;

namespace InfusionAudit.Application.Sessions;

/// <summary>
/// What the attempts of one session write wrote to the clinic indexes. Index rows go out before the session commit; an
/// attempt that then loses the commit to another writer leaves rows the winning evaluation may not have (a finding
/// judged on a stream with a hole). The attempt that commits reads this log and puts those rows right, so the audit
/// indexes never show what the session does not.
/// </summary>
public sealed class IndexWriteLog
{
    /// <summary>Finding index rows as last written (with the session date they were filed under), by rule and episode.</summary>
    public Dictionary<(string RuleId, string EpisodeKey), FiledFinding> Findings { get; } = [];

    /// <summary>The clinic index row's key and JSON as last written; null when no attempt wrote it.</summary>
    public (string RowKey, string Json)? ClinicRow { get; set; }

    /// <summary>
    /// Later sessions of the patient that an attempt stamped as judged on an out-of-date history
    /// (<see cref="ISessionStore.StampHistoryAsync"/>). Stamped once per write: the stamp stays, and stamping again
    /// on every retry would let two sessions starting at the same instant fail each other's commits without end.
    /// </summary>
    public HashSet<string> StampedSessions { get; } = new(StringComparer.Ordinal);
}
