using InfusionAudit.Application.Ports.Sessions;
using InfusionAudit.Infrastructure.Storage.Sessions;

namespace InfusionAudit.Infrastructure.Tests.Storage;

/// <summary>
/// The session cache is bounded by an estimate of what it holds. These measure the heap: the estimate must cover what a
/// held session really takes (else the bound does not bound), and a held reading must be a fraction of its stored row
/// (that is what lets one host hold a clinic's open 1 Hz sessions between messages).
/// </summary>
[Collection(MemoryMeasurementCollection.Name)]
public sealed class HeldSessionMemoryTests
{
    private const int Readings = 10_000;

    [Fact]
    public void TheEstimateCoversWhatAHeldSessionOfOneHertzVitalsTakesWithoutOverstatingItTwice()
    {
        var rows = HeldSessions.Rows("S-measured", Readings);

        var (held, measured) = Retained(() => HeldSession.Of(rows));

        var estimate = SessionPartitionCache.Estimate(held);
        estimate.ShouldBeGreaterThanOrEqualTo(measured, $"measured {measured / Readings} bytes a reading");
        estimate.ShouldBeLessThan(2 * measured, $"measured {measured / Readings} bytes a reading");
    }

    [Fact]
    public void AHeldReadingTakesLessThanHalfItsStoredRow()
    {
        var (rows, asRows) = Retained(() => HeldSessions.Rows("S-rows", Readings));
        var (held, asHeld) = Retained(() => HeldSession.Of(rows));

        held.Events.Count.ShouldBe(Readings);
        (asHeld * 2).ShouldBeLessThan(asRows, $"a row {asRows / Readings} bytes, held {asHeld / Readings} bytes");
    }

    // What the value built by `build` keeps alive on the heap, after full collections on both sides.
    private static (T Value, long Bytes) Retained<T>(Func<T> build)
        where T : class
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var value = build();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(value);
        return (value, after - before);
    }
}
