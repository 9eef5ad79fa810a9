using InfusionAudit.Application.Ports.Sessions;
using InfusionAudit.Infrastructure.Storage.Sessions;

namespace InfusionAudit.Infrastructure.Tests.Storage;

/// <summary>The host's session cache is bounded in bytes, not only in sessions: a few huge sessions cannot grow the host.</summary>
public sealed class SessionPartitionCacheTests
{
    [Fact]
    public void LargeSessionsPushOutTheLeastRecentlyUsedToStayWithinTheByteBudget()
    {
        var cache = new SessionPartitionCache(capacity: 1000, maxBytes: 10_000_000);
        for (var i = 0; i < 10; i++)
        {
            cache.Put(Partition($"S-{i}", events: 2000, rawChars: 600));
        }

        var one = SessionPartitionCache.Estimate(Partition("S-x", events: 2000, rawChars: 600));
        one.ShouldBeGreaterThan(2_400_000);
        cache.Bytes.ShouldBeLessThanOrEqualTo(10_000_000);
        cache.Count.ShouldBe((int)(10_000_000 / one));
        cache.TryGet(Key("S-9"), out _).ShouldBeTrue();
        cache.TryGet(Key("S-0"), out _).ShouldBeFalse();
    }

    [Fact]
    public void ASessionLargerThanTheWholeBudgetIsNotKeptAndEvictsNothing()
    {
        var cache = new SessionPartitionCache(capacity: 1000, maxBytes: 1_000_000);
        cache.Put(Partition("S-small", events: 10, rawChars: 600));

        cache.Put(Partition("S-huge", events: 5000, rawChars: 600));

        cache.TryGet(Key("S-huge"), out _).ShouldBeFalse();
        cache.TryGet(Key("S-small"), out _).ShouldBeTrue();
    }

    [Fact]
    public void ReplacingASessionCountsOnlyItsNewSize()
    {
        var cache = new SessionPartitionCache(capacity: 1000, maxBytes: 100_000_000);
        cache.Put(Partition("S-1", events: 100, rawChars: 600));
        cache.Put(Partition("S-1", events: 200, rawChars: 600));
        cache.Bytes.ShouldBe(SessionPartitionCache.Estimate(Partition("S-1", events: 200, rawChars: 600)));

        cache.Evict(Key("S-1"));
        cache.Bytes.ShouldBe(0);
    }

    // The cache keys a session by its clinic and id.
    private static string Key(string sessionId) => InfusionAudit.Domain.Sessions.ClinicSessionKey.Of("abq-01", sessionId);

    private static SessionPartition Partition(string sessionId, int events, int rawChars)
    {
        var raw = new string('x', rawChars);
        var rows = Enumerable.Range(0, events)
            .Select(i => new SessionEventRow(sessionId, $"{sessionId}-e{i}", i, "VitalsRecorded", "abq-01", "pump-17", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, raw))
            .ToList();
        return new SessionPartition("abq-01", sessionId, null, default, rows, []);
    }
}
