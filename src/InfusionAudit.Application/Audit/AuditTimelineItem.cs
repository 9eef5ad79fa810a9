namespace InfusionAudit.Application.Audit;

/// <summary>One moment of a session's story, for an auditor reading it top to bottom, in the order things happened.</summary>
/// <param name="At">Where it stands on the time line: when it happened. For events and rejected input their
/// occurrence; for a finding its trigger's occurrence (for a clock rule, its detection); for a withdrawal and an alert
/// change, when it was made.</param>
/// <param name="Kind"><c>event</c>, <c>rejected</c>, <c>finding</c>, <c>findingRetracted</c> or <c>alert</c>.</param>
/// <param name="What">The event type, the rejection rule, the rule id, or what happened to the alert (raised,
/// acknowledged, resolved, escalated…).</param>
/// <param name="Ref">Event id, finding episode key, or alert id.</param>
/// <param name="Severity">For findings and alerts.</param>
/// <param name="By">For alert changes: who (a person's name as given, or <c>system</c>).</param>
public sealed record AuditTimelineItem(DateTimeOffset At, string Kind, string What, string? Ref, string? Severity, string? By)
{
    /// <summary>When it happened at the clinic (the device's <c>occurredAt</c>); for a finding, its trigger's.</summary>
    public DateTimeOffset? OccurredAt { get; init; }

    /// <summary>For findings: when the backend judged it (the trigger's receipt, or the clock's instant).</summary>
    public DateTimeOffset? DetectedAt { get; init; }

    /// <summary>For events and rejected input: when the backend received it.</summary>
    public DateTimeOffset? ReceivedAt { get; init; }

    /// <summary>For alert changes: the alert's state after the change (<c>open</c>, <c>acknowledged</c>, <c>resolved</c>).</summary>
    public string? State { get; init; }

    /// <summary>For alert changes the note or reason as given; for rejected input the reason; for a withdrawn clock finding why it was withdrawn.</summary>
    public string? Note { get; init; }
}
