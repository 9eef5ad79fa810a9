namespace InfusionAudit.Application.Ports.Sessions;

/// <summary>A finding as stored in its session's partition. A finding that later evidence withdraws is kept, marked retracted.</summary>
public sealed record SessionFindingRow(
    string SessionId,
    string RuleId,
    string EpisodeKey,
    string Severity,
    string ClinicId,
    string? ProtocolId,
    int? ProtocolVersion,
    string Evidence,
    string EvidenceValuesJson,
    string? TriggerEventId,
    DateTimeOffset DetectedAt,
    DateTimeOffset? RetractedAt);
