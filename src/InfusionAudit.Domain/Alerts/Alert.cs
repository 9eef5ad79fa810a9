using System.Text.Json.Serialization;
using InfusionAudit.Domain.Findings;

namespace InfusionAudit.Domain.Alerts;

/// <summary>
/// One problem that needs a person: a finding of a session that alerts (every critical finding, and warnings a clinic
/// opted into). Carries what a clinician needs to act and never the patient reference or its hash.
/// </summary>
/// <param name="AlertId">From <see cref="AlertIds.For"/>.</param>
/// <param name="SessionId">The session.</param>
/// <param name="ClinicId">The clinic.</param>
/// <param name="RuleId">The catalogue rule.</param>
/// <param name="EpisodeKey">The finding's episode: a later episode of the same rule is a new problem and a new alert.</param>
/// <param name="Severity">The finding's severity.</param>
/// <param name="ProtocolId">The protocol judged against.</param>
/// <param name="ProtocolVersion">Its version.</param>
/// <param name="Evidence">The finding's sentence, with units.</param>
/// <param name="EvidenceValues">The numbers behind it, keys named with their unit.</param>
/// <param name="DeviceIds">The device whose event showed the problem, or for clock rules every device of the session.</param>
/// <param name="TriggerEventId">The event that showed it; null for clock rules.</param>
/// <param name="DetectedAt">When the finding was detected (receive time of the trigger).</param>
/// <param name="RaisedAt">When the alert was recorded.</param>
/// <param name="State">Where it stands.</param>
/// <param name="SuppressedBy">The silence that kept it from being notified; null when it was (or will be) notified.</param>
/// <param name="NotifiedAt">When a trigger or follow-up notification first carried it; null while held or suppressed.</param>
/// <param name="EscalateAt">When it escalates if still open; null when suppressed.</param>
/// <param name="EscalatedAt">When it was escalated.</param>
/// <param name="AcknowledgedBy">Who acknowledged it.</param>
/// <param name="AcknowledgedAt">When.</param>
/// <param name="ResolvedBy">Who resolved it (<c>system</c> for an automatic resolve).</param>
/// <param name="ResolvedAt">When.</param>
/// <param name="ResolveReason">Why.</param>
/// <param name="History">Every change, oldest first.</param>
/// <param name="OccurredAt">
/// When the problem happened: the trigger event's device time, or a timer finding's detection instant (see
/// <see cref="TriggerOccurrence"/>); null only for alerts raised before it was recorded.
/// </param>
/// <param name="ArrivedLate">True when <paramref name="DetectedAt"/> is more than the protocol's latency budget after <paramref name="OccurredAt"/>.</param>
public sealed record Alert(
    string AlertId,
    string SessionId,
    string ClinicId,
    string RuleId,
    string EpisodeKey,
    Severity Severity,
    string ProtocolId,
    int? ProtocolVersion,
    string Evidence,
    IReadOnlyDictionary<string, double> EvidenceValues,
    IReadOnlyList<string> DeviceIds,
    string? TriggerEventId,
    DateTimeOffset DetectedAt,
    DateTimeOffset RaisedAt,
    AlertState State,
    string? SuppressedBy,
    DateTimeOffset? NotifiedAt,
    DateTimeOffset? EscalateAt,
    DateTimeOffset? EscalatedAt,
    AlertActor? AcknowledgedBy,
    DateTimeOffset? AcknowledgedAt,
    AlertActor? ResolvedBy,
    DateTimeOffset? ResolvedAt,
    string? ResolveReason,
    IReadOnlyList<AlertStateChange> History,
    DateTimeOffset? OccurredAt = null,
    bool ArrivedLate = false)
{
    /// <summary>True when a silence kept it from being notified.</summary>
    [JsonIgnore]
    public bool IsSuppressed => SuppressedBy is not null;

    /// <summary>True while it still needs a person (open or acknowledged).</summary>
    [JsonIgnore]
    public bool IsActive => State != AlertState.Resolved;
}
