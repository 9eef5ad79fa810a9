using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Sessions;
using InfusionAudit.Domain.Units;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// <c>CLOCK-IMPLAUSIBLE</c>: an event whose device time is not believed (<see cref="ClockPlausibilityCheck"/>): occurredAt before
/// <c>clock.notBefore</c>, more than <c>clock.staleAboveDays</c> before its receipt while the session is reported live, or from a
/// device whose clock offset in a batch differs from the other devices' by more than <c>clock.deviceOffsetAboveMin</c>. One
/// finding per device (episode key = device id), at its first implausible event on the timeline.
/// </summary>
internal sealed class ClockImplausibleRule : ISessionRule
{
    public void Evaluate(RuleContext context)
    {
        var entries = context.Timeline.Entries;
        var verdicts = context.Timeline.ClockVerdicts;
        var clock = context.Thresholds.Clock;
        List<string>? flagged = null;
        for (var i = 0; i < entries.Length; i++)
        {
            ref readonly var entry = ref entries[i];
            if (verdicts[i] == ClockVerdict.Plausible || (flagged is not null && flagged.Contains(entry.Event.DeviceId)))
            {
                continue;
            }

            (flagged ??= []).Add(entry.Event.DeviceId);
            var behind = entry.ReceivedTicks - entry.OccurredTicks;
            var why = verdicts[i] switch
            {
                ClockVerdict.BeforeNotBefore => $"dated {Text.Time(entry.Event.OccurredAt)}, before {Text.Time(clock.NotBefore)}",
                ClockVerdict.StaleWhileLive => $"dated {Text.Duration(behind)} before its receipt while the session is live (limit {Text.Number(clock.StaleAbove.TotalDays, ShownPrecision.Days)} days)",
                _ => $"its clock differs from the session's other devices by more than {Text.Duration(clock.DeviceOffsetAbove)} in events received together",
            };
            context.Report(
                RuleIds.ClockImplausible, Severity.Warning, context.Thresholds, entry.Event.DeviceId, i,
                $"device {entry.Event.DeviceId}: an event is {why}; its times are not used for the dose",
                ("receivedMinusOccurredMin", Text.Minutes(behind)));
        }
    }
}
