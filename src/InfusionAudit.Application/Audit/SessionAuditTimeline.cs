using InfusionAudit.Application.Sessions;

namespace InfusionAudit.Application.Audit;

/// <summary>
/// <c>GET /api/sessions/{sessionId}/timeline</c>: the session's outcome, its events, findings and alerts merged into
/// one time line, and the findings and alerts in full. Unlike the session document it leaves the patient hash out.
/// </summary>
public sealed record SessionAuditTimeline(
    string SessionId,
    string ClinicId,
    string Status,
    string? ProtocolId,
    int? ProtocolVersion,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    string? EndReason,
    double? DeliveredMgPerKg,
    IReadOnlyList<AuditTimelineItem> Timeline,
    IReadOnlyList<SessionFindingDocument> Findings,
    IReadOnlyList<SessionAlertDocument> Alerts);
