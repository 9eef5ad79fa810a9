using Azure.Storage.Queues;
using InfusionAudit.Application.Sessions;
using InfusionAudit.Integration.Tests.Infrastructure;

namespace InfusionAudit.Integration.Tests.LocalHost;

public sealed class QueueTriggerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ABase64BatchOnTheEventQueueIsIngestedAndTheMessageDeleted()
    {
        await using var host = await TestHost.StartAsync();
        var queue = Queue(host.EventsQueue);
        var script = new SessionScript();

        await queue.SendMessageAsync(SessionScript.Batch(script.StandardIvSession()), Ct);

        var session = await Eventually.Until(() => host.Get<SessionQueryHandler>().GetAsync(script.SessionId, Ct), s => s?.Events.Count == 9);
        session!.Events.Count.ShouldBe(9);
        await Eventually.Until(async () => (await queue.GetPropertiesAsync(Ct)).Value.ApproximateMessagesCount, n => n == 0);
    }

    [Fact]
    public async Task AMessageThatFailsForAnInfrastructureReasonIsRetriedThenKeptInThePoisonQueue()
    {
        var hostJson = Path.Combine(Path.GetTempPath(), $"host-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(hostJson, """
            { "version": "2.0", "extensions": { "queues": { "maxPollingInterval": "00:00:00.200", "visibilityTimeout": "00:00:00.200", "maxDequeueCount": 3, "batchSize": 4 } } }
            """, Ct);
        await using var host = await TestHost.StartAsync(storage: Azurite.WithTablesDown(), hostJsonPath: hostJson);
        var script = new SessionScript();
        var body = script.Started().ToJsonString();

        await Queue(host.EventsQueue).SendMessageAsync(body, Ct);

        var poison = Queue(host.EventsQueue + "-poison");
        var kept = await Eventually.Until(async () => (await poison.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(1), Ct)).Value, m => m.Length == 1, TimeSpan.FromSeconds(90));
        kept.Single().Body.ToString().ShouldBe(body);
        kept.Single().DequeueCount.ShouldBe(1);
        File.Delete(hostJson);
    }

    [Fact]
    public async Task AMessageThatIsNotBase64IsKeptInThePoisonQueue()
    {
        await using var host = await TestHost.StartAsync();
        var raw = new QueueClient(Azurite.ConnectionString, host.EventsQueue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        await raw.CreateIfNotExistsAsync(cancellationToken: Ct);

        await raw.SendMessageAsync("{not base64 at all!}", Ct);

        var poison = new QueueClient(Azurite.ConnectionString, host.EventsQueue + "-poison", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        var kept = await Eventually.Until(async () => await poison.ExistsAsync(Ct) ? (await poison.PeekMessagesAsync(1, Ct)).Value : [], m => m.Length == 1, TimeSpan.FromSeconds(30));
        kept.Single().Body.ToString().ShouldBe("{not base64 at all!}");
    }

    private static QueueClient Queue(string name)
    {
        var client = new QueueClient(Azurite.ConnectionString, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        client.CreateIfNotExists();
        return client;
    }
}
