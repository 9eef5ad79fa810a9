using Azure.Storage.Queues;
using InfusionAudit.Testing;

namespace InfusionAudit.Hosts.Tests.LocalHost;

/// <summary>
/// Creating tables and queues at start is a local convenience (a fresh Azurite needs no manual step); in Azure the
/// template creates them and a cold start must not spend round trips on it (<c>InfusionAudit:CreateStorageAtStart</c>).
/// </summary>
public sealed class StorageAtStartTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ByDefaultTheHostCreatesItsEventQueueAndPoisonQueueAtStart()
    {
        var queue = "events-" + Guid.NewGuid().ToString("N")[..12];

        await using var host = await TestHost.StartAsync(eventsQueue: queue);

        (await Exists(queue)).ShouldBeTrue();
        (await Exists(queue + "-poison")).ShouldBeTrue();
    }

    [Fact]
    public async Task WithCreateStorageAtStartOffTheHostSendsNoCreateRequestAtStart()
    {
        var queue = "events-" + Guid.NewGuid().ToString("N")[..12];

        await using var host = await TestHost.StartAsync(
            eventsQueue: queue,
            settings: new Dictionary<string, string?> { ["InfusionAudit:CreateStorageAtStart"] = "false" });

        (await Exists(queue)).ShouldBeFalse();
        (await Exists(queue + "-poison")).ShouldBeFalse();
        host.Get<InfusionAudit.Infrastructure.Storage.StorageRequestCounter>().ByOperation.Keys
            .ShouldNotContain(op => op.StartsWith("POST Tables", StringComparison.Ordinal) || op.StartsWith("PUT " + queue, StringComparison.Ordinal));
    }

    private static async Task<bool> Exists(string queue) =>
        (await new QueueServiceClient(Azurite.ConnectionString).GetQueueClient(queue).ExistsAsync(Ct)).Value;
}
