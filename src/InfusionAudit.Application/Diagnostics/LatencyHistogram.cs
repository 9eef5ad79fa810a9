namespace InfusionAudit.Application.Diagnostics;

/// <summary>
/// A fixed-size, lock-free histogram of durations: eight buckets per doubling from 1 ms (about 9 % resolution) up to
/// 2^25 ms (9 h), so recording never allocates and a long soak costs the same memory as a short one.
/// </summary>
public sealed class LatencyHistogram
{
    private const int BucketsPerDoubling = 8;
    private const int Doublings = 25;

    /// <summary>Bucket i holds durations up to <see cref="UpperMs"/>(i); the top one also holds anything longer (a finite bound keeps the JSON valid).</summary>
    private readonly long[] counts = new long[(BucketsPerDoubling * Doublings) + 1];
    private long count;
    private long maxTicks;

    /// <summary>The upper bound of bucket <paramref name="index"/>, ms.</summary>
    public static double UpperMs(int index) => Math.Pow(2, (double)index / BucketsPerDoubling);

    public void Record(TimeSpan duration)
    {
        var ms = Math.Max(duration.TotalMilliseconds, 0);
        var index = ms <= 1 ? 0 : (int)Math.Ceiling(Math.Log2(ms) * BucketsPerDoubling);
        Interlocked.Increment(ref counts[Math.Min(index, counts.Length - 1)]);
        Interlocked.Increment(ref count);
        var ticks = Math.Max(duration.Ticks, 0);
        var seen = Interlocked.Read(ref maxTicks);
        while (ticks > seen)
        {
            var was = Interlocked.CompareExchange(ref maxTicks, ticks, seen);
            if (was == seen)
            {
                break;
            }

            seen = was;
        }
    }

    public LatencySnapshot Snapshot()
    {
        var buckets = new List<LatencyBucket>();
        for (var i = 0; i < counts.Length; i++)
        {
            var n = Interlocked.Read(ref counts[i]);
            if (n > 0)
            {
                buckets.Add(new LatencyBucket(UpperMs(i), n));
            }
        }

        return LatencySnapshot.Of(buckets, TimeSpan.FromTicks(Interlocked.Read(ref maxTicks)).TotalMilliseconds);
    }
}
