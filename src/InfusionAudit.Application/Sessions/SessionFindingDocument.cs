using System.Text.Json;

namespace InfusionAudit.Application.Sessions;

/// <summary>A finding as an auditor reads it: rule, severity, protocol version judged against, evidence with units.</summary>
public sealed record SessionFindingDocument(
    string RuleId,
    string Severity,
    string EpisodeKey,
    string? ProtocolId,
    int? ProtocolVersion,
    string Evidence,
    JsonElement EvidenceValues,
    string? TriggerEventId,
    DateTimeOffset DetectedAt,
    DateTimeOffset? RetractedAt);
