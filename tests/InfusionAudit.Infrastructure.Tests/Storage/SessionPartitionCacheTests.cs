using InfusionAudit.Infrastructure.Storage.Sessions;
using Microsoft.Extensions.Time.Testing;

namespace InfusionAudit.Infrastructure.Tests.Storage;

/// <summary>
/// The host's session cache is bounded in bytes, not only in sessions: a few huge sessions cannot grow the host. When
/// the sessions in use outgrow it, it keeps serving those it holds instead of cycling through all of them.
/// </summary>
public sealed class SessionPartitionCacheTests
{
    private readonly FakeTimeProvider clock = new(DateTimeOffset.FromUnixTimeSeconds(1_780_000_000));

    [Fact]
    public void IdleSessionsArePushedOutLeastRecentlyUsedFirstToStayWithinTheByteBudget()
    {
        var one = SessionPartitionCache.Estimate(HeldSessions.Held("S-x", readings: 2000));
        var cache = new SessionPartitionCache(capacity: 1000, maxBytes: 4 * one + (one / 2), clock);
        for (var i = 0; i < 10; i++)
        {
            cache.Put(HeldSessions.Held($"S-{i}", readings: 2000));
            clock.Advance(SessionPartitionCache.IdleAfter);
        }

        cache.Bytes.ShouldBeLessThanOrEqualTo(4 * one + (one / 2));
        cache.Count.ShouldBe(4);
        cache.TryGet(Key("S-9"), out _).ShouldBeTrue();
        cache.TryGet(Key("S-6"), out _).ShouldBeTrue();
        cache.TryGet(Key("S-5"), out _).ShouldBeFalse();
        cache.TryGet(Key("S-0"), out _).ShouldBeFalse();
        cache.Declined.ShouldBe(0);
    }

    [Fact]
    public void SessionsInUseThatOutgrowTheCacheKeepTheHeldOnesServedInsteadOfCyclingThroughAll()
    {
        // Six sessions in use, room for four, written in turn as a gateway's messages arrive: least-recently-used
        // eviction would drop each one just before its turn and serve none.
        var one = SessionPartitionCache.Estimate(HeldSessions.Held("S-x", readings: 100));
        var cache = new SessionPartitionCache(capacity: 1000, maxBytes: 4 * one + (one / 2), clock);
        var sessions = Enumerable.Range(0, 6).Select(i => HeldSessions.Held($"S-{i}", readings: 100)).ToList();
        var hits = 0;
        for (var round = 0; round < 5; round++)
        {
            foreach (var session in sessions)
            {
                if (cache.TryGet(Key(session.SessionId), out _))
                {
                    hits++;
                }
                else
                {
                    cache.Put(session);
                }

                clock.Advance(TimeSpan.FromSeconds(1));
            }
        }

        hits.ShouldBe(4 * 4);
        cache.Count.ShouldBe(4);
        cache.Declined.ShouldBe(2 * 5);
        cache.TryGet(Key("S-5"), out _).ShouldBeFalse();
    }

    [Fact]
    public void AHeldSessionThatGrowsPastTheBudgetPushesOutTheLeastRecentlyUsedEvenInUse()
    {
        var one = SessionPartitionCache.Estimate(HeldSessions.Held("S-x", readings: 100));
        var cache = new SessionPartitionCache(capacity: 1000, maxBytes: 2 * one + (one / 2), clock);
        cache.Put(HeldSessions.Held("S-1", readings: 100));
        cache.Put(HeldSessions.Held("S-2", readings: 100));

        cache.Put(HeldSessions.Held("S-2", readings: 160));

        cache.TryGet(Key("S-2"), out var grown).ShouldBeTrue();
        grown.Events.Count.ShouldBe(160);
        cache.TryGet(Key("S-1"), out _).ShouldBeFalse();
        cache.Declined.ShouldBe(0);
    }

    [Fact]
    public void ASessionLargerThanTheWholeBudgetIsNotKeptAndEvictsNothing()
    {
        var cache = new SessionPartitionCache(capacity: 1000, maxBytes: 1_000_000, clock);
        cache.Put(HeldSessions.Held("S-small", readings: 10));

        cache.Put(HeldSessions.Held("S-huge", readings: 5000));

        cache.TryGet(Key("S-huge"), out _).ShouldBeFalse();
        cache.TryGet(Key("S-small"), out _).ShouldBeTrue();
    }

    [Fact]
    public void ReplacingASessionCountsOnlyItsNewSize()
    {
        var cache = new SessionPartitionCache(capacity: 1000, maxBytes: 100_000_000, clock);
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
