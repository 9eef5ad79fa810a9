using InfusionAudit.Testing;

namespace InfusionAudit.Hosts.Tests.Faults;

/// <summary>Behind a fault proxy per service: every connection refused for 10 s, then stalled for 5 s.</summary>
public sealed class StorageOutageStallTests
{
    [Fact]
    public async Task TheLocalHostRidesOutRefusedThenStalledStorageConnectionsBehindAFaultProxy()
    {
        await using var azurite = await OnDiskAzurite.StartAsync();
        await StorageOutage.RunBehindProxiesAsync(azurite, "fault proxy: 10 s refused, then 5 s stalled", TimeSpan.FromSeconds(10), async inject =>
        {
            inject(ProxyFault.Stall);
            await Task.Delay(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        });
    }
}
