using InfusionAudit.Infrastructure.Storage.Sessions;

namespace InfusionAudit.Infrastructure.Tests.Storage;

/// <summary>The host's session cache is bounded in bytes, not only in sessions: a few huge sessions cannot grow the host.</summary>
public sealed class SessionPartitionCacheTests
{
    [Fact]
    public void LargeSessionsPushOutTheLeastRecentlyUsedToStayWithinTheByteBudget()
    {
        var one = SessionPartitionCache.Estimate(HeldSessions.Held("S-x", readings: 2000));
        var cache = new SessionPartitionCache(capacity: 1000, maxBytes: 4 * one + (one / 2));
        for (var i = 0; i < 10; i++)
        {
            cache.Put(HeldSessions.Held($"S-{i}", readings: 2000));
        }

        cache.Bytes.ShouldBeLessThanOrEqualTo(4 * one + (one / 2));
        cache.Count.ShouldBe(4);
        cache.TryGet(Key("S-9"), out _).ShouldBeTrue();
        cache.TryGet(Key("S-6"), out _).ShouldBeTrue();
        cache.TryGet(Key("S-5"), out _).ShouldBeFalse();
        cache.TryGet(Key("S-0"), out _).ShouldBeFalse();
    }

    [Fact]
    public void ASessionLargerThanTheWholeBudgetIsNotKeptAndEvictsNothing()
    {
        var cache = new SessionPartitionCache(capacity: 1000, maxBytes: 1_000_000);
        cache.Put(HeldSessions.Held("S-small", readings: 10));

        cache.Put(HeldSessions.Held("S-huge", readings: 5000));

        cache.TryGet(Key("S-huge"), out _).ShouldBeFalse();
        cache.TryGet(Key("S-small"), out _).ShouldBeTrue();
    }

    [Fact]
    public void ReplacingASessionCountsOnlyItsNewSize()
    {
        var cache = new SessionPartitionCache(capacity: 1000, maxBytes: 100_000_000);
        cache.Put(HeldSessions.Held("S-1", readings: 100));
        var larger = HeldSessions.Held("S-1", readings: 200);
        cache.Put(larger);
        cache.Bytes.ShouldBe(SessionPartitionCache.Estimate(larger));

        cache.Evict(Key("S-1"));
        cache.Bytes.ShouldBe(0);
    }

    // The cache keys a session by its clinic and id.
    private static string Key(string sessionId) => InfusionAudit.Domain.Sessions.ClinicSessionKey.Of(HeldSessions.Clinic, sessionId);
}
