using InfusionAudit.Application.Sessions;

namespace InfusionAudit.Application.Audit;

/// <summary>
/// <c>GET /api/sessions/{sessionId}/timeline</c>: the session's outcome, its events, findings and alerts merged into
/// one time line, the findings and the alerts in full. Unlike the session document it leaves the patient hash out. The
/// time line and the findings are paged by position (<c>timelineFrom</c>/<c>timelineLimit</c>,
/// <c>findingsFrom</c>/<c>findingsLimit</c>); the alerts, at most one per finding episode that alerts, are not.
/// </summary>
/// <param name="TimelineCount">Items of the whole time line, on every page.</param>
/// <param name="NextTimelineFrom">The <c>timelineFrom</c> of the next page of the time line, or null on its last.</param>
/// <param name="FindingCount">Findings of the session (withdrawn ones included), on every page.</param>
/// <param name="NextFindingsFrom">The <c>findingsFrom</c> of the next page of findings, or null on its last.</param>
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
    IReadOnlyList<SessionAlertDocument> Alerts,
    int TimelineCount,
    int? NextTimelineFrom,
    int FindingCount,
    int? NextFindingsFrom);
