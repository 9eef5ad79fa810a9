using System.Text.Json;

namespace InfusionAudit.Application.Audit;

/// <summary>A finding as listed for an auditor: the session it belongs to, the rule, the protocol version judged against, the evidence.</summary>
public sealed record ClinicFindingDocument(
    string SessionId,
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
