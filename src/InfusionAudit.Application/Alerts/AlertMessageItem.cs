namespace InfusionAudit.Application.Alerts;

/// <summary>One alert inside a notification.</summary>
/// <param name="EventsMissing">
/// How many events the finding was judged without (its evidence spans a sequence gap; docs/alerts.md): the picture may be
/// incomplete. 0 when the stream was complete.
/// </param>
/// <param name="Values">The evidence values as read on a page (<c>SpO2 86 %</c>), rounded to clinical precision.</param>
/// <param name="OccurredAt">When the problem happened (the trigger event's device time; a timer finding's detection instant).</param>
/// <param name="DetectedAt">When it was detected (the trigger's receipt).</param>
/// <param name="ArrivedLate">True when detection came more than the protocol's latency budget after the occurrence.</param>
public sealed record AlertMessageItem(
    string AlertId,
    string RuleId,
    string Severity,
    string State,
    string Evidence,
    IReadOnlyDictionary<string, double> EvidenceValues,
    IReadOnlyList<string> Values,
    long EventsMissing,
    string ProtocolId,
    int? ProtocolVersion,
    IReadOnlyList<string> DeviceIds,
    string? TriggerEventId,
    DateTimeOffset? OccurredAt,
    DateTimeOffset DetectedAt,
    bool ArrivedLate,
    DateTimeOffset RaisedAt,
    string? AcknowledgedBy,
    DateTimeOffset? AcknowledgedAt,
    string? ResolvedBy,
    DateTimeOffset? ResolvedAt,
    string? ResolveReason,
    AlertItemLinks Links);
