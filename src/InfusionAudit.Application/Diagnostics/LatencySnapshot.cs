namespace InfusionAudit.Application.Diagnostics;

/// <summary>
/// A <see cref="LatencyHistogram"/> at one instant. Percentiles are the upper bound of the bucket that holds them (a
/// reading is never reported faster than it was); the non-empty buckets let a reader compute the percentiles of the
/// interval between two snapshots.
/// </summary>
public sealed record LatencySnapshot(long Count, double P50Ms, double P95Ms, double P99Ms, double MaxMs, IReadOnlyList<LatencyBucket> Buckets)
{
    public static LatencySnapshot Of(IReadOnlyList<LatencyBucket> buckets, double maxMs)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        var total = buckets.Sum(b => b.Count);
        return new LatencySnapshot(
            total,
            Percentile(buckets, total, 0.50, maxMs),
            Percentile(buckets, total, 0.95, maxMs),
            Percentile(buckets, total, 0.99, maxMs),
            maxMs,
            buckets);
    }

    /// <summary>The bound of the bucket holding the <paramref name="quantile"/> reading; 0 when there is none.</summary>
    public static double Percentile(IReadOnlyList<LatencyBucket> buckets, long total, double quantile, double maxMs)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        if (total <= 0)
        {
            return 0;
        }

        var rank = (long)Math.Ceiling(quantile * total);
        long seen = 0;
        foreach (var bucket in buckets)
        {
            seen += bucket.Count;
            if (seen >= rank)
            {
                // The top bucket's bound may lie past the slowest reading; the slowest reading is the better bound there.
                return maxMs > 0 ? Math.Min(bucket.UpperMs, maxMs) : bucket.UpperMs;
            }
        }

        return maxMs;
    }
}
