namespace InfusionAudit.Application.Ports.Alerts;

/// <summary>A session the alert timer has work for (a window to close, an escalation, a notification to retry).</summary>
/// <param name="ClinicId">The session's clinic.</param>
/// <param name="SessionId">The session id (within its clinic).</param>
/// <param name="DueAt">When the work is due.</param>
/// <param name="ETag">The schedule row's version token (its ETag, opaque): rescheduling fails when a writer rescheduled it since.</param>
public sealed record DueSession(string ClinicId, string SessionId, DateTimeOffset DueAt, string ETag);
