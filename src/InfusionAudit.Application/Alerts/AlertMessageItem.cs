namespace InfusionAudit.Application.Alerts;

/// <summary>One alert inside a notification.</summary>
public sealed record AlertMessageItem(
    string AlertId,
    string RuleId,
    string Severity,
    string State,
    string Evidence,
    IReadOnlyDictionary<string, double> EvidenceValues,
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
