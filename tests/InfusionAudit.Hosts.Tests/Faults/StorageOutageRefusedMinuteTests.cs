using InfusionAudit.Testing;

namespace InfusionAudit.Hosts.Tests.Faults;

/// <summary>Behind a fault proxy per service: every connection refused for a minute, longer than the storage clients retry.</summary>
public sealed class StorageOutageRefusedMinuteTests
{
    [Fact]
    public async Task TheLocalHostRidesOutAMinuteOfRefusedConnectionsLongerThanTheStorageClientsRetries()
    {
        // The storage SDK gives up on a refused connection after its retries (seconds); the WebJobs queue listener backs
        // off only on 5xx answers and rethrew anything else from its receive, which ended the host.
        await using var azurite = await OnDiskAzurite.StartAsync();
        await StorageOutage.RunBehindProxiesAsync(azurite, "fault proxy: 60 s refused", TimeSpan.FromSeconds(60), _ => Task.CompletedTask);
    }
}
