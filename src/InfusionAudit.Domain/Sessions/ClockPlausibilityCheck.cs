using System.Buffers;
using InfusionAudit.Domain.Protocols;

namespace InfusionAudit.Domain.Sessions;

/// <summary>
/// Decides, before the fold, which device times are believed. Every verdict is a function of the set of (event, receipt)
/// pairs, never of their arrival order:
/// <list type="number">
/// <item>occurredAt before <see cref="ClockPlausibility.NotBefore"/>;</item>
/// <item>occurredAt more than <see cref="ClockPlausibility.StaleAbove"/> before its receipt while the session is reported live,
/// i.e. some event of the session was received within that time of its own occurredAt (a whole session uploaded late is a
/// backfill, not a clock fault);</item>
/// <item>a device whose clock offset (the smallest receipt − occurredAt of its events over the session: its freshest event)
/// differs by more than <see cref="ClockPlausibility.DeviceOffsetAbove"/> from that of the device closest to zero (the backend's
/// clock is the reference) among the devices of a batch of events received together, when that reference is itself within
/// the limit (a batch whose devices are all far from the backend's clock is a backlog, not clock evidence); all events of
/// such a device are implausible.</item>
/// </list>
/// </summary>
internal static class ClockPlausibilityCheck
{
    public static void Classify(ReadOnlySpan<TimelineEntry> entries, ClockPlausibility clock, Span<ClockVerdict> verdicts)
    {
        var notBefore = clock.NotBefore.UtcTicks;
        var stale = clock.StaleAbove.Ticks;
        var live = false;
        var severalDevices = false;
        var firstDevice = entries[0].Event.DeviceId;
        for (var i = 0; i < entries.Length; i++)
        {
            ref readonly var entry = ref entries[i];
            verdicts[i] = entry.OccurredTicks < notBefore ? ClockVerdict.BeforeNotBefore : ClockVerdict.Plausible;
            live |= verdicts[i] == ClockVerdict.Plausible && entry.ReceivedTicks - entry.OccurredTicks <= stale;
            severalDevices |= !string.Equals(entry.Event.DeviceId, firstDevice, StringComparison.Ordinal);
        }

        if (live)
        {
            for (var i = 0; i < entries.Length; i++)
            {
                if (verdicts[i] == ClockVerdict.Plausible && entries[i].ReceivedTicks - entries[i].OccurredTicks > stale)
                {
                    verdicts[i] = ClockVerdict.StaleWhileLive;
                }
            }
        }

        if (severalDevices)
        {
            MarkInconsistentDevices(entries, clock.DeviceOffsetAbove.Ticks, verdicts);
        }
    }

    private static void MarkInconsistentDevices(ReadOnlySpan<TimelineEntry> entries, long limit, Span<ClockVerdict> verdicts)
    {
        var order = ArrayPool<int>.Shared.Rent(entries.Length);
        List<string>? flagged = null;
        try
        {
            var byReceipt = order.AsSpan(0, entries.Length);
            for (var i = 0; i < byReceipt.Length; i++)
            {
                byReceipt[i] = i;
            }

            var sorted = true;
            for (var i = 1; i < entries.Length && sorted; i++)
            {
                sorted = entries[i].ReceivedTicks >= entries[i - 1].ReceivedTicks;
            }

            if (!sorted)
            {
                var receipts = ArrayPool<long>.Shared.Rent(entries.Length);
                for (var i = 0; i < entries.Length; i++)
                {
                    receipts[i] = entries[i].ReceivedTicks;
                }

                receipts.AsSpan(0, entries.Length).Sort(byReceipt);
                ArrayPool<long>.Shared.Return(receipts);
            }

            // A device's clock offset is its smallest receipt − occurrence over the session (its freshest event: least
            // transmission delay), so an old event retried late does not make its device look wrong. Devices are compared
            // where they were received together (one receipt instant = one message).
            var clocks = new List<(string Device, long Offset)>(4);
            for (var i = 0; i < entries.Length; i++)
            {
                if (verdicts[i] == ClockVerdict.Plausible)
                {
                    Note(clocks, entries[i].Event.DeviceId, entries[i].ReceivedTicks - entries[i].OccurredTicks);
                }
            }

            var together = new List<(string Device, long Offset)>(4);
            var start = 0;
            while (start < byReceipt.Length)
            {
                var received = entries[byReceipt[start]].ReceivedTicks;
                var end = start;
                together.Clear();
                while (end < byReceipt.Length && entries[byReceipt[end]].ReceivedTicks == received)
                {
                    var index = byReceipt[end++];
                    if (verdicts[index] == ClockVerdict.Plausible)
                    {
                        var device = entries[index].Event.DeviceId;
                        Note(together, device, OffsetOf(clocks, device));
                    }
                }

                if (together.Count > 1)
                {
                    FlagOutliers(together, limit, ref flagged);
                }

                start = end;
            }

            if (flagged is null)
            {
                return;
            }

            for (var i = 0; i < entries.Length; i++)
            {
                if (verdicts[i] == ClockVerdict.Plausible && flagged.Contains(entries[i].Event.DeviceId))
                {
                    verdicts[i] = ClockVerdict.DeviceOffset;
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(order);
        }
    }

    private static long OffsetOf(List<(string Device, long Offset)> clocks, string device)
    {
        foreach (var (known, offset) in clocks)
        {
            if (string.Equals(known, device, StringComparison.Ordinal))
            {
                return offset;
            }
        }

        return 0;
    }

    private static void Note(List<(string Device, long Offset)> offsets, string device, long offset)
    {
        for (var k = 0; k < offsets.Count; k++)
        {
            if (string.Equals(offsets[k].Device, device, StringComparison.Ordinal))
            {
                if (offset < offsets[k].Offset)
                {
                    offsets[k] = (device, offset);
                }

                return;
            }
        }

        offsets.Add((device, offset));
    }

    private static void FlagOutliers(List<(string Device, long Offset)> offsets, long limit, ref List<string>? flagged)
    {
        // The reference is the device closest to the backend's clock; ties go to the ordinal-first device id, so the choice
        // does not depend on which device's event came first in the batch.
        var reference = offsets[0];
        foreach (var candidate in offsets)
        {
            var c = Math.Abs(candidate.Offset).CompareTo(Math.Abs(reference.Offset));
            if (c < 0 || (c == 0 && string.CompareOrdinal(candidate.Device, reference.Device) < 0))
            {
                reference = candidate;
            }
        }

        // A batch is evidence about clocks only when one of its devices is known to be near the backend's clock. In a
        // backlog forwarded late (a gateway back online, a day uploaded at once) every offset is large, and they differ by
        // how long each device had been quiet before the upload, not by its clock.
        if (Math.Abs(reference.Offset) > limit)
        {
            return;
        }

        foreach (var (device, offset) in offsets)
        {
            if (Math.Abs(offset - reference.Offset) > limit && (flagged is null || !flagged.Contains(device)))
            {
                (flagged ??= []).Add(device);
            }
        }
    }
}
