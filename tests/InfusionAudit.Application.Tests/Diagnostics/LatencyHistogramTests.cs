using InfusionAudit.Application.Diagnostics;

namespace InfusionAudit.Application.Tests.Diagnostics;

/// <summary>The ingest latency histogram behind <c>GET /api/diagnostics/counters</c>.</summary>
public sealed class LatencyHistogramTests
{
    [Fact]
    public void PercentilesAreTheBoundOfTheBucketThatHoldsThemNeverFasterThanTheReading()
    {
        var histogram = new LatencyHistogram();
        for (var i = 1; i <= 100; i++)
        {
            histogram.Record(TimeSpan.FromMilliseconds(i * 10));
        }

        var snapshot = histogram.Snapshot();

        snapshot.Count.ShouldBe(100);
        snapshot.MaxMs.ShouldBe(1000);
        snapshot.P50Ms.ShouldBeInRange(500, 500 * 1.091);
        snapshot.P99Ms.ShouldBeInRange(990, 1000);
        snapshot.Buckets.Sum(b => b.Count).ShouldBe(100);
        snapshot.Buckets.ShouldBe(snapshot.Buckets.OrderBy(b => b.UpperMs).ToList());
    }

    [Fact]
    public void ZeroNegativeAndDayLongDurationsLandInTheEndBucketsWithFiniteBounds()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(TimeSpan.Zero);
        histogram.Record(TimeSpan.FromMilliseconds(-5));
        histogram.Record(TimeSpan.FromDays(3));

        var snapshot = histogram.Snapshot();

        snapshot.Buckets.First().ShouldBe(new LatencyBucket(1, 2));
        snapshot.Buckets.Last().Count.ShouldBe(1);
        double.IsFinite(snapshot.Buckets.Last().UpperMs).ShouldBeTrue();
        snapshot.MaxMs.ShouldBe(TimeSpan.FromDays(3).TotalMilliseconds);
    }

    [Fact]
    public void AnEmptyHistogramReportsZeros()
    {
        var snapshot = new LatencyHistogram().Snapshot();

        snapshot.ShouldBe(snapshot with { Count = 0, P50Ms = 0, P99Ms = 0, MaxMs = 0 });
        snapshot.Buckets.ShouldBeEmpty();
    }
}
