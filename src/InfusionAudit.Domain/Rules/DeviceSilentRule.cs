using System.Buffers;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Sessions;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// <c>DEVICE-SILENT</c> (timer): nothing received for at least <c>timing.deviceSilentMin</c> while the infusion was running.
/// Walks the receive times in order; a gap counts when the pump was running (non-zero rate, not paused, not ended) on the
/// timeline at the latest event received before it. The open gap after the last receipt is measured to <c>asOf</c>. Key = the
/// last event received before the gap, detection = its receipt + the limit, so the finding is the same whether the timer saw
/// the silence or a later event closed it.
/// </summary>
internal sealed class DeviceSilentRule : ISessionRule
{
    public void Evaluate(RuleContext context)
    {
        var timeline = context.Timeline;
        var entries = timeline.Entries;
        var infusing = timeline.InfusingAfter;
        var limit = context.Thresholds.Timing.DeviceSilent.Ticks;
        var order = ArrayPool<int>.Shared.Rent(entries.Length);
        try
        {
            for (var i = 0; i < entries.Length; i++)
            {
                order[i] = i;
            }

            var byReceipt = order.AsSpan(0, entries.Length);
            if (!IsSortedByReceipt(byReceipt, entries))
            {
                byReceipt.Sort(new ByReceipt(timeline));
            }

            var latest = -1;
            for (var k = 0; k < byReceipt.Length; k++)
            {
                var index = byReceipt[k];
                latest = Math.Max(latest, index);
                var from = entries[index].ReceivedTicks;
                var to = k + 1 < byReceipt.Length ? entries[byReceipt[k + 1]].ReceivedTicks : context.AsOf.UtcTicks;
                if (to - from < limit || !infusing[latest])
                {
                    continue;
                }

                // The evidence describes the moment the condition became true, so a later event ending the silence
                // leaves the finding unchanged.
                context.ReportTimer(
                    RuleIds.DeviceSilent, Severity.Warning, context.Thresholds, entries[index].Event.EventId,
                    Text.Instant(from + limit),
                    $"running infusion: nothing received for {Text.Duration(limit)} after {Text.Time(entries[index].ReceivedAt)}",
                    ("limitMin", Text.Minutes(limit)));
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(order);
        }
    }

    private static bool IsSortedByReceipt(ReadOnlySpan<int> order, ReadOnlySpan<TimelineEntry> entries)
    {
        for (var k = 1; k < order.Length; k++)
        {
            if (entries[order[k]].ReceivedTicks < entries[order[k - 1]].ReceivedTicks)
            {
                return false;
            }
        }

        return true;
    }

    private readonly struct ByReceipt(SessionTimeline timeline) : IComparer<int>
    {
        public int Compare(int x, int y)
        {
            var c = timeline.Entries[x].ReceivedTicks.CompareTo(timeline.Entries[y].ReceivedTicks);
            return c != 0 ? c : x.CompareTo(y);
        }
    }
}
