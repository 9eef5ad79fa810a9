namespace InfusionAudit.Simulator.Load;

/// <summary>The host's ingest latency histogram (cumulative since it started), as <c>GET /api/diagnostics/counters</c> gives it.</summary>
public sealed record LatencyReading(long Count, double P50Ms, double P95Ms, double P99Ms, double MaxMs, IReadOnlyList<LatencyBucketReading> Buckets)
{
    /// <summary>
    /// The readings recorded between <paramref name="before"/> and <paramref name="after"/>, with their percentiles (the
    /// upper bound of the bucket holding each; the maximum is unknown for an interval and reported as that of the top bucket).
    /// </summary>
    public static LatencyReading Between(LatencyReading? before, LatencyReading after)
    {
        ArgumentNullException.ThrowIfNull(after);
        var earlier = (before?.Buckets ?? []).ToDictionary(b => b.UpperMs, b => b.Count);
        var buckets = after.Buckets
            .Select(b => b with { Count = b.Count - earlier.GetValueOrDefault(b.UpperMs) })
            .Where(b => b.Count > 0)
            .OrderBy(b => b.UpperMs)
            .ToList();
        var total = buckets.Sum(b => b.Count);
        var top = buckets.Count > 0 ? Math.Min(buckets[^1].UpperMs, after.MaxMs) : 0;
        return new LatencyReading(total, Percentile(buckets, total, 0.50, top), Percentile(buckets, total, 0.95, top), Percentile(buckets, total, 0.99, top), top, buckets);
    }

    private static double Percentile(List<LatencyBucketReading> buckets, long total, double quantile, double top)
    {
        var rank = (long)Math.Ceiling(quantile * total);
        long seen = 0;
        foreach (var bucket in buckets)
        {
            seen += bucket.Count;
            if (seen >= rank)
            {
                return Math.Min(bucket.UpperMs, top);
            }
        }

        return 0;
    }
}
