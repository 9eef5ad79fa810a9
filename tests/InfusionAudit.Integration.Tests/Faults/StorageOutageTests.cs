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
        await RunThroughOutageAsync(azurite, azurite.ConnectionString, "graceful Azurite stop, 10 s", async () =>
        {
            await azurite.StopAsync();
            return async () => await azurite.StartAgainAsync();
        });
    }

    [Fact]
    public async Task TheLocalHostRidesOutRefusedThenStalledStorageConnectionsBehindAFaultProxy()
    {
        await using var azurite = await OnDiskAzurite.StartAsync();
        await RunBehindProxiesAsync(azurite, "fault proxy: 10 s refused, then 5 s stalled", TimeSpan.FromSeconds(10), async inject =>
        {
            inject(ProxyFault.Stall);
            await Task.Delay(TimeSpan.FromSeconds(5), Ct);
        });
    }

    [Fact]
    public async Task TheLocalHostRidesOutAMinuteOfRefusedConnectionsLongerThanTheStorageClientsRetries()
    {
        // The storage SDK gives up on a refused connection after its retries (seconds); the WebJobs queue listener backs
        // off only on 5xx answers and rethrew anything else from its receive, which ended the host.
        await using var azurite = await OnDiskAzurite.StartAsync();
        await RunBehindProxiesAsync(azurite, "fault proxy: 60 s refused", TimeSpan.FromSeconds(60), _ => Task.CompletedTask);
    }

    /// <summary>
    /// The host talks to Azurite through a fault proxy per service: every connection is refused for
    /// <paramref name="refused"/>, then <paramref name="beforeRecovery"/> may inject more before the proxies pass traffic again.
    /// </summary>
    private static async Task RunBehindProxiesAsync(OnDiskAzurite azurite, string scenario, TimeSpan refused, Func<Action<ProxyFault>, Task> beforeRecovery)
    {
        var (blob, queue, table, throughProxy) = FaultProxy.InFrontOf(azurite);
        await using var _ = blob;
        await using var __ = queue;
        await using var ___ = table;
        void Inject(ProxyFault fault)
        {
            foreach (var proxy in new[] { blob, queue, table })
            {
                proxy.Inject(fault);
            }
        }

        await RunThroughOutageAsync(azurite, throughProxy, scenario, () =>
        {
            Inject(ProxyFault.Refuse);
            return Task.FromResult<Func<Task>>(async () =>
            {
                await beforeRecovery(Inject);
                Inject(ProxyFault.None);
            });
        }, refused);
    }

    /// <summary>
    /// Sends half the sessions, starts the outage once the host is storing them, keeps it 10 s (or <paramref name="outage"/>) while checking the host
    /// stays up, ends it, sends the other half, and requires every event stored exactly once. The test's own queue
    /// client talks to Azurite directly (through no proxy).
    /// </summary>
    private static async Task RunThroughOutageAsync(OnDiskAzurite azurite, string hostStorage, string scenario, Func<Task<Func<Task>>> startOutage, TimeSpan? outage = null)
    {
        var queueName = "events-" + Guid.NewGuid().ToString("N")[..12];
        using var host = await LocalHostProcess.StartAsync(hostStorage, queueName, Path.Combine(RepositoryPaths.Root, "host.json"));
        var queue = new QueueClient(azurite.ConnectionString, queueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await queue.CreateIfNotExistsAsync(cancellationToken: Ct);
        var scripts = Enumerable.Range(0, Sessions).Select(_ => new SessionScript()).ToList();

        foreach (var script in scripts.Take(Sessions / 2))
        {
            await queue.SendMessageAsync(SessionScript.Batch(script.StandardIvSession()), Ct);
        }

        // Storage goes away while the host is in the middle of the first half.
        await Eventually.Require("the host starts storing the first half", () => host.StoredEventIdsAsync(scripts[0].SessionId), ids => ids.Count > 0, TimeSpan.FromSeconds(30));
        var endOutage = await startOutage();
        var outageEnds = DateTimeOffset.UtcNow + (outage ?? TimeSpan.FromSeconds(10));
        while (DateTimeOffset.UtcNow < outageEnds)
        {
            host.HasExited.ShouldBeFalse($"the local host exited during the storage outage:\n{host.Tail()}");
            await Task.Delay(250, Ct);
        }

        await endOutage();
        var restored = DateTimeOffset.UtcNow;
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

        var recovery = DateTimeOffset.UtcNow - restored;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{scenario}: {Sessions * EventsPerSession} events in, {stored.Sum(c => c.Count)} stored, {stored.Sum(c => c.Count - c.Distinct().Count())} duplicates; all stored {recovery.TotalSeconds:0.0} s after storage returned");
        stored.ShouldAllBe(ids => ids.Count == EventsPerSession && ids.Distinct().Count() == EventsPerSession);
        host.HasExited.ShouldBeFalse();
    }
}
