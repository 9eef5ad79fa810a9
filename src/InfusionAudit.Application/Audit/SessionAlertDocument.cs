namespace InfusionAudit.Application.Audit;

/// <summary>An alert of a session as an auditor reads it: what raised it, where it stands, who acted and when.</summary>
public sealed record SessionAlertDocument(
    string AlertId,
    string RuleId,
    string EpisodeKey,
    string Severity,
    string State,
    DateTimeOffset RaisedAt,
    DateTimeOffset? NotifiedAt,
    DateTimeOffset? EscalatedAt,
    DateTimeOffset? AcknowledgedAt,
    string? AcknowledgedBy,
    DateTimeOffset? ResolvedAt,
    string? ResolvedBy,
    string? ResolveReason,
    string? SuppressedBy);
