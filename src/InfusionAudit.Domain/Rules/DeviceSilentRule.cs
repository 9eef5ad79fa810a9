using System.Buffers;
using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Sessions;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// <c>DEVICE-SILENT</c> (timer), per device (catalogue v2): nothing received from the device that reported the running rate
/// for at least <c>timing.deviceSilentMin</c> while the infusion ran at that rate, whatever the other devices send. Walks the
/// receipts in order; after each, the session's state is the timeline at the latest event received so far. While it shows the
/// pump running, the device of the last non-zero <c>InfusionRateChanged</c> is watched from its own latest receipt, or from
/// the receipt that made it the watched device; a watch ends when that device is heard again or the state stops running.
/// A watch older than the limit at the next receipt, or at <c>asOf</c>, is one finding keyed by the event that began it and
/// detected at its receipt + the limit, so the finding is the same whether the timer saw the silence or a later event closed it.
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
        var rateEvent = ArrayPool<int>.Shared.Rent(entries.Length);
        try
        {
            var lastRate = -1;
            for (var i = 0; i < entries.Length; i++)
            {
                order[i] = i;
                if (entries[i].Event.Payload is InfusionRateChangedPayload { Rate.IsStopped: false })
                {
                    lastRate = i;
                }

                rateEvent[i] = lastRate;
            }

            var byReceipt = order.AsSpan(0, entries.Length);
            if (!IsSortedByReceipt(byReceipt, entries))
            {
                byReceipt.Sort(new ByReceipt(timeline));
            }

            var latest = -1;
            var watching = false;
            var reported = false;
            string? watched = null;
            long watchFrom = 0;
            var watchKey = -1;
            for (var k = 0; k < byReceipt.Length; k++)
            {
                var index = byReceipt[k];
                var receivedAt = entries[index].ReceivedTicks;
                if (watching && !reported && receivedAt - watchFrom >= limit)
                {
                    Report(context, watched!, watchFrom, watchKey, limit);
                    reported = true;
                }

                latest = Math.Max(latest, index);
                if (!infusing[latest] || rateEvent[latest] < 0)
                {
                    watching = false;
                    continue;
                }

                var pump = entries[rateEvent[latest]].Event.DeviceId;
                var heard = string.Equals(entries[index].Event.DeviceId, pump, StringComparison.Ordinal);
                if (heard || !watching || !string.Equals(watched, pump, StringComparison.Ordinal))
                {
                    watching = true;
                    reported = false;
                    watched = pump;
                    watchFrom = receivedAt;
                    watchKey = index;
                }
            }

            if (watching && !reported && context.AsOf.UtcTicks - watchFrom >= limit)
            {
                Report(context, watched!, watchFrom, watchKey, limit);
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(order);
            ArrayPool<int>.Shared.Return(rateEvent);
        }
    }

    private static void Report(RuleContext context, string device, long from, int key, long limit) =>
        // The evidence describes the moment the condition became true, so a later event ending the silence leaves the
        // finding unchanged.
        context.ReportTimer(
            RuleIds.DeviceSilent, Severity.Warning, context.Thresholds, context.Entry(key).Event.EventId,
            Text.Instant(from + limit),
            $"running infusion: nothing received from {device} for {Text.Duration(limit)} after {Text.Time(context.Entry(key).ReceivedAt)}",
            ("limitMin", Text.Minutes(limit)));

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
