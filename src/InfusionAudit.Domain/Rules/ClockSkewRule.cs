using InfusionAudit.Domain.Findings;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// <c>CLOCK-SKEW</c>: an event's occurredAt more than <c>timing.clockSkewAboveMin</c> ahead of its receipt. A skewed clock skews
/// every event of its device, so one finding per device (episode key = device id), at its first skewed event on the timeline.
/// </summary>
internal sealed class ClockSkewRule : ISessionRule
{
    public void Evaluate(RuleContext context)
    {
        var limit = context.Thresholds.Timing.ClockSkewAbove.Ticks;
        var entries = context.Timeline.Entries;
        List<string>? flagged = null;
        for (var i = 0; i < entries.Length; i++)
        {
            ref readonly var entry = ref entries[i];
            var ahead = entry.OccurredTicks - entry.ReceivedTicks;
            if (ahead <= limit || (flagged is not null && flagged.Contains(entry.Event.DeviceId)))
            {
                continue;
            }

            (flagged ??= []).Add(entry.Event.DeviceId);
            context.Report(
                RuleIds.ClockSkew, Severity.Warning, context.Thresholds, entry.Event.DeviceId, i,
                $"device {entry.Event.DeviceId} dated an event {Text.Duration(ahead)} ahead of its receipt (limit {Text.Duration(limit)})",
                ("aheadMin", Text.Minutes(ahead)), ("limitMin", Text.Minutes(limit)));
        }
    }
}
