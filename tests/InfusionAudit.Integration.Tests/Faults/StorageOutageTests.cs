using Azure.Storage.Queues;
using InfusionAudit.Integration.Tests.Infrastructure;

namespace InfusionAudit.Integration.Tests.Faults;

/// <summary>
/// Issue 11, fault-injection suite: storage goes away under a running local host (Azurite stopped gracefully, on-disk
/// data kept) and comes back on the same ports. The host must stay up and store every event exactly once, by itself.
/// </summary>
public sealed class StorageOutageTests
{
    private const int Sessions = 30;
    private const int EventsPerSession = 9;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheLocalHostRidesOutATenSecondStorageOutageAndStoresEveryEventExactlyOnce()
    {
        await using var azurite = await OnDiskAzurite.StartAsync();
        var queueName = "events-" + Guid.NewGuid().ToString("N")[..12];
        using var host = await LocalHostProcess.StartAsync(azurite.ConnectionString, queueName, Path.Combine(RepositoryPaths.Root, "host.json"));
        var queue = new QueueClient(azurite.ConnectionString, queueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await queue.CreateIfNotExistsAsync(cancellationToken: Ct);
        var scripts = Enumerable.Range(0, Sessions).Select(_ => new SessionScript()).ToList();

        foreach (var script in scripts.Take(Sessions / 2))
        {
            await queue.SendMessageAsync(SessionScript.Batch(script.StandardIvSession()), Ct);
        }

        // Storage goes away while the host is in the middle of the first half.
        await Eventually.Require("the host starts storing the first half", () => host.StoredEventIdsAsync(scripts[0].SessionId), ids => ids.Count > 0, TimeSpan.FromSeconds(30));
        await azurite.StopAsync();
        var outage = TimeSpan.FromSeconds(10);
        var outageEnds = DateTimeOffset.UtcNow + outage;
        while (DateTimeOffset.UtcNow < outageEnds)
        {
            host.HasExited.ShouldBeFalse($"the local host exited during the storage outage:\n{host.Tail()}");
            await Task.Delay(250, Ct);
        }

        await azurite.StartAgainAsync();
        var restarted = DateTimeOffset.UtcNow;
        foreach (var script in scripts.Skip(Sessions / 2))
        {
            await queue.SendMessageAsync(SessionScript.Batch(script.StandardIvSession()), Ct);
        }

        var stored = await Eventually.Require(
            "every event of every session stored after storage came back",
            async () =>
            {
                host.HasExited.ShouldBeFalse($"the local host exited after the storage outage:\n{host.Tail()}");
                var counts = new List<IReadOnlyList<string>>();
                foreach (var script in scripts)
                {
                    counts.Add(await host.StoredEventIdsAsync(script.SessionId));
                }

                return counts;
            },
            counts => counts.Sum(c => c.Count) >= Sessions * EventsPerSession,
            TimeSpan.FromSeconds(90),
            counts => $"{counts.Sum(c => c.Count)} of {Sessions * EventsPerSession} events stored (per session: {string.Join(' ', counts.Select(c => c.Count))}); host output:\n{host.Tail()}");

        var recovery = DateTimeOffset.UtcNow - restarted;
        TestContext.Current.TestOutputHelper?.WriteLine($"storage outage {outage.TotalSeconds:0} s: all {Sessions * EventsPerSession} events stored {recovery.TotalSeconds:0.0} s after storage returned");
        stored.ShouldAllBe(ids => ids.Count == EventsPerSession && ids.Distinct().Count() == EventsPerSession);
        host.HasExited.ShouldBeFalse();
    }
}
