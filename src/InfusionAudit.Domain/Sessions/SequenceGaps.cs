using System.Buffers;

namespace InfusionAudit.Domain.Sessions;

/// <summary>Sequence numbers missing between the lowest and the highest one received.</summary>
internal readonly struct SequenceGaps
{
    private SequenceGaps(long lowest, long highest, long missingCount, IReadOnlyList<long> listed)
    {
        Lowest = lowest;
        Highest = highest;
        MissingCount = missingCount;
        Listed = listed;
    }

    public long Lowest { get; }

    public long Highest { get; }

    public long MissingCount { get; }

    /// <summary>The first missing numbers, ascending, at most <see cref="SessionEngine.MaxListedMissingSequences"/>.</summary>
    public IReadOnlyList<long> Listed { get; }

    public static SequenceGaps Of(ReadOnlySpan<TimelineEntry> entries)
    {
        var sequences = ArrayPool<long>.Shared.Rent(entries.Length);
        try
        {
            for (var i = 0; i < entries.Length; i++)
            {
                sequences[i] = entries[i].Event.Sequence;
            }

            var sorted = sequences.AsSpan(0, entries.Length);
            sorted.Sort();
            long missing = 0;
            List<long>? listed = null;
            for (var i = 1; i < sorted.Length; i++)
            {
                var gap = sorted[i] - sorted[i - 1] - 1;
                if (gap <= 0)
                {
                    continue;
                }

                missing += gap;
                listed ??= [];
                for (var s = sorted[i - 1] + 1; s < sorted[i] && listed.Count < SessionEngine.MaxListedMissingSequences; s++)
                {
                    listed.Add(s);
                }
            }

            return new SequenceGaps(sorted[0], sorted[^1], missing, listed ?? (IReadOnlyList<long>)[]);
        }
        finally
        {
            ArrayPool<long>.Shared.Return(sequences);
        }
    }
}
