using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// <c>DOSE-DEVICE-SPACING</c>: two consecutive <c>DoseAdministered</c> (intranasal devices) less than <c>deviceSpacingMin</c>
/// apart (exactly the minimum is fine); one finding per offending dose, keyed by its event id.
/// </summary>
internal sealed class DeviceSpacingRule : ISessionRule
{
    public void Evaluate(RuleContext context)
    {
        if (context.Protocol is not { DeviceSpacingMinimum: { } spacing } protocol)
        {
            return;
        }

        var entries = context.Timeline.Entries;
        var previous = -1;
        for (var i = 0; i < entries.Length; i++)
        {
            if (entries[i].Event.Payload is not DoseAdministeredPayload)
            {
                continue;
            }

            if (previous >= 0)
            {
                var gap = entries[i].OccurredTicks - entries[previous].OccurredTicks;
                if (gap < spacing.Ticks)
                {
                    context.Report(
                        RuleIds.DoseDeviceSpacing, Severity.Warning, protocol, entries[i].Event.EventId, i,
                        $"dose {entries[i].Event.EventId} given {Text.Duration(gap)} after the previous one (minimum {Text.Duration(spacing)})",
                        ("spacingMin", Text.Minutes(gap)), ("minimumMin", spacing.TotalMinutes));
                }
            }

            previous = i;
        }
    }
}
