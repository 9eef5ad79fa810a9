namespace InfusionAudit.Application.Alerts;

/// <summary>One alert inside a notification.</summary>
/// <param name="EventsMissing">
/// How many events the finding was judged without (its evidence spans a sequence gap; docs/alerts.md): the picture may be
/// incomplete. 0 when the stream was complete.
/// </param>
public sealed record AlertMessageItem(
    string AlertId,
    string RuleId,
    string Severity,
    string State,
    string Evidence,
    IReadOnlyDictionary<string, double> EvidenceValues,
    long EventsMissing,
    string ProtocolId,
    int? ProtocolVersion,
    IReadOnlyList<string> DeviceIds,
    string? TriggerEventId,
    DateTimeOffset DetectedAt,
    DateTimeOffset RaisedAt,
    string? AcknowledgedBy,
    DateTimeOffset? AcknowledgedAt,
    string? ResolvedBy,
    DateTimeOffset? ResolvedAt,
    string? ResolveReason,
    AlertItemLinks Links);
