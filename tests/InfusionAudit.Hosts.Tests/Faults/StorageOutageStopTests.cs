using InfusionAudit.Testing;

namespace InfusionAudit.Hosts.Tests.Faults;

/// <summary>Storage goes away for 10 s (Azurite stopped gracefully, its on-disk data kept) and starts again on the same ports.</summary>
public sealed class StorageOutageStopTests
{
    [Fact]
    public async Task TheLocalHostRidesOutATenSecondStorageOutageAndStoresEveryEventExactlyOnce()
    {
        await using var azurite = await OnDiskAzurite.StartAsync();
        await StorageOutage.RunThroughOutageAsync(azurite, azurite.ConnectionString, "graceful Azurite stop, 10 s", async () =>
        {
            await azurite.StopAsync();
            return async () => await azurite.StartAgainAsync();
        });
    }
}
