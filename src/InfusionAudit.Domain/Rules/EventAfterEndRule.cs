using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// <c>EVENT-AFTER-END</c>: an event whose occurredAt is strictly after the earliest <c>SessionEnded</c>; one finding per such
/// event. Later <c>SessionEnded</c> events (another device ending the same session) are not flagged, nor are the events of
/// the observation (contract 1.1): a <c>PatientDischarged</c>, and vitals or adverse effects dated at or before the first
/// <c>PatientDischarged</c>.
/// </summary>
internal sealed class EventAfterEndRule : ISessionRule
{
    public void Evaluate(RuleContext context)
    {
        var endIndex = context.Timeline.EndIndex;
        if (endIndex < 0)
        {
            return;
        }

        var entries = context.Timeline.Entries;
        var endAt = entries[endIndex].OccurredTicks;
        var dischargedAt = context.Timeline.DischargeIndex >= 0 ? entries[context.Timeline.DischargeIndex].OccurredTicks : long.MinValue;
        for (var i = endIndex + 1; i < entries.Length; i++)
        {
            ref readonly var entry = ref entries[i];

            // Several devices may each end the session; the earliest end counts and the later ones are not strays.
            if (entry.OccurredTicks > endAt && entry.Event.Payload is not (SessionEndedPayload or PatientDischargedPayload)
                && !(entry.OccurredTicks <= dischargedAt && entry.Event.Payload is VitalsRecordedPayload or AdverseEffectObservedPayload))
            {
                context.Report(
                    RuleIds.EventAfterEnd, Severity.Warning, context.Thresholds, entry.Event.EventId, i,
                    $"{entry.Event.Type} {entry.Event.EventId} occurred {Text.Duration(entry.OccurredTicks - endAt)} after the session ended",
                    ("afterEndMin", Text.Minutes(entry.OccurredTicks - endAt)));
            }
        }
    }
}
