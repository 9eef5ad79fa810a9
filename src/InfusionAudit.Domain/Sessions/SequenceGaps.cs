using System.Buffers;

namespace InfusionAudit.Domain.Sessions;

/// <summary>
/// Sequence numbers missing between the lowest and the highest one received, per counter. The contract's sequence is a
/// counter "assigned by the producer": when a session's devices each count their own events, some number is used by two
/// devices and every device's numbers are one counter; when no number repeats (one device, or a gateway numbering the whole
/// session), all the session's numbers are one counter.
/// </summary>
internal readonly struct SequenceGaps
{
    private SequenceGaps(long highest, long missingCount, IReadOnlyList<long> listed, IReadOnlyList<DeviceSequenceGaps> counters)
    {
        Highest = highest;
        MissingCount = missingCount;
        Listed = listed;
        Counters = counters;
    }

    public long Highest { get; }

    /// <summary>Missing numbers over all counters.</summary>
    public long MissingCount { get; }

    /// <summary>The first missing numbers of all counters, ascending, at most <see cref="SessionEngine.MaxListedMissingSequences"/>.</summary>
    public IReadOnlyList<long> Listed { get; }

    /// <summary>The counters with a gap, by device id (ordinal).</summary>
    public IReadOnlyList<DeviceSequenceGaps> Counters { get; }

    public static SequenceGaps Of(ReadOnlySpan<TimelineEntry> entries)
    {
        var keys = ArrayPool<(int Device, long Sequence)>.Shared.Rent(entries.Length);
        try
        {
            var first = entries[0].Event.DeviceId;
            var span = keys.AsSpan(0, entries.Length);
            var severalDevices = false;
            for (var i = 0; i < entries.Length; i++)
            {
                severalDevices = severalDevices || !string.Equals(entries[i].Event.DeviceId, first, StringComparison.Ordinal);
                span[i] = (0, entries[i].Event.Sequence);
            }

            span.Sort();
            var highest = span[^1].Sequence;
            if (!severalDevices || !HasRepeats(span))
            {
                var shared = Count(span, null);
                return shared is null
                    ? new SequenceGaps(highest, 0, [], [])
                    : new SequenceGaps(highest, shared.MissingCount, shared.Missing, [shared]);
            }

            // Devices count on their own: group the numbers by device (ordinal order) and judge each group.
            var devices = new List<string>(4);
            for (var i = 0; i < entries.Length; i++)
            {
                var device = entries[i].Event.DeviceId;
                var at = devices.BinarySearch(device, StringComparer.Ordinal);
                if (at < 0)
                {
                    devices.Insert(~at, device);
                }
            }

            for (var i = 0; i < entries.Length; i++)
            {
                span[i] = (devices.BinarySearch(entries[i].Event.DeviceId, StringComparer.Ordinal), entries[i].Event.Sequence);
            }

            span.Sort();
            List<DeviceSequenceGaps>? counters = null;
            var start = 0;
            for (var i = 1; i <= span.Length; i++)
            {
                if (i < span.Length && span[i].Device == span[start].Device)
                {
                    continue;
                }

                if (Count(span[start..i], devices[span[start].Device]) is { } gaps)
                {
                    (counters ??= []).Add(gaps);
                }

                start = i;
            }

            if (counters is null)
            {
                return new SequenceGaps(highest, 0, [], []);
            }

            var listed = new List<long>();
            long missing = 0;
            foreach (var counter in counters)
            {
                missing += counter.MissingCount;
                listed.AddRange(counter.Missing);
            }

            listed.Sort();
            return new SequenceGaps(
                highest, missing, listed.Distinct().Take(SessionEngine.MaxListedMissingSequences).ToList(), counters);
        }
        finally
        {
            ArrayPool<(int Device, long Sequence)>.Shared.Return(keys);
        }
    }

    private static bool HasRepeats(ReadOnlySpan<(int Device, long Sequence)> sorted)
    {
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i].Sequence == sorted[i - 1].Sequence)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The gaps of one counter (its numbers sorted), or null when it has none.</summary>
    private static DeviceSequenceGaps? Count(ReadOnlySpan<(int Device, long Sequence)> sorted, string? deviceId)
    {
        long missing = 0;
        List<long>? listed = null;
        for (var i = 1; i < sorted.Length; i++)
        {
            var gap = sorted[i].Sequence - sorted[i - 1].Sequence - 1;
            if (gap <= 0)
            {
                continue;
            }

            missing += gap;
            listed ??= [];
            for (var s = sorted[i - 1].Sequence + 1; s < sorted[i].Sequence && listed.Count < SessionEngine.MaxListedMissingSequences; s++)
            {
                listed.Add(s);
            }
        }

        return listed is null ? null : new DeviceSequenceGaps(deviceId, sorted[0].Sequence, sorted[^1].Sequence, missing, listed);
    }
}
