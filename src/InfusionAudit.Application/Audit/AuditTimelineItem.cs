namespace InfusionAudit.Application.Audit;

/// <summary>One moment of a session's story, for an auditor reading it top to bottom.</summary>
/// <param name="At">When: occurredAt for events, detectedAt (or retractedAt) for findings, the change time for alerts.</param>
/// <param name="Kind"><c>event</c>, <c>finding</c>, <c>findingRetracted</c> or <c>alert</c>.</param>
/// <param name="What">The event type, the rule id, or what happened to the alert (raised, acknowledged, escalated…).</param>
/// <param name="Ref">Event id, finding episode key, or alert id.</param>
/// <param name="Severity">For findings and alerts.</param>
/// <param name="By">For alert changes: who (a person's name as given, or <c>system</c>).</param>
public sealed record AuditTimelineItem(DateTimeOffset At, string Kind, string What, string? Ref, string? Severity, string? By);
