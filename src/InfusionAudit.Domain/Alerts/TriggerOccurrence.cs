namespace InfusionAudit.Domain.Alerts;

/// <summary>
/// When the problem behind an alert happened, beside when it was detected: the device time of the event that showed it
/// (for a timer finding, the instant its condition became true), and whether that event reached us later than the
/// protocol's latency budget (<c>timing.alertLatencyBudgetMin</c>), so a page about an old reading says it is old.
/// </summary>
/// <param name="OccurredAt">The trigger event's <c>occurredAt</c>, or a timer finding's detection instant.</param>
/// <param name="ArrivedLate">True when detection came more than the latency budget after <paramref name="OccurredAt"/>.</param>
public sealed record TriggerOccurrence(DateTimeOffset OccurredAt, bool ArrivedLate)
{
    /// <summary>The occurrence of an event detected at <paramref name="detectedAt"/> under <paramref name="budget"/>.</summary>
    public static TriggerOccurrence Judge(DateTimeOffset occurredAt, DateTimeOffset detectedAt, TimeSpan budget) =>
        new(occurredAt, detectedAt - occurredAt > budget);
}
