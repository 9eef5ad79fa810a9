using Azure.Storage.Queues;
using InfusionAudit.Application.Sessions;
using InfusionAudit.Application.Ports.Rejections;
using InfusionAudit.Infrastructure.Storage.Rejections;
using InfusionAudit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InfusionAudit.Hosts.Tests.LocalHost;

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
            { "version": "2.0", "extensions": { "queues": { "maxPollingInterval": "00:00:00.200", "visibilityTimeout": "00:00:00.200", "maxDequeueCount": 3, "batchSize": 4, "messageEncoding": "none" } } }
            """, Ct);
        var log = new LogRecorder();
        await using var host = await TestHost.StartAsync(storage: Azurite.WithTablesDown(), hostJsonPath: hostJson, services: s => s.AddSingleton<ILoggerProvider>(log));
        var script = new SessionScript();
        var body = script.Started().ToJsonString();

        await Queue(host.EventsQueue).SendMessageAsync(body, Ct);

        var poison = Queue(host.EventsQueue + "-poison");
        var kept = await Eventually.Until(async () => (await poison.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(1), Ct)).Value, m => m.Length == 1, TimeSpan.FromSeconds(90));
        kept.Single().Body.ToString().ShouldBe(body);
        kept.Single().DequeueCount.ShouldBe(1);
        File.Delete(hostJson);

        // maxDequeueCount 3: exactly three failed runs of the trigger, then one move to the poison queue.
        log.Entries.Count(e => e is { Category: "Function.IngestEvents", EventName: "FunctionCompleted", Level: LogLevel.Error }).ShouldBe(3);
        log.Entries.Where(e => e.Message.StartsWith("Message has reached MaxDequeueCount", StringComparison.Ordinal)).ShouldHaveSingleItem().Message.ShouldContain("of 3.");
        (await Queue(host.EventsQueue).PeekMessagesAsync(32, Ct)).Value.ShouldBeEmpty();
    }

    [Fact]
    public async Task AMessageThatIsNotBase64IsAStoredRejectionWithItsReasonAndNotPoisoned()
    {
        await using var host = await TestHost.StartAsync();
        var clinic = "nb64-" + Guid.NewGuid().ToString("N")[..8];
        var raw = new QueueClient(Azurite.ConnectionString, host.EventsQueue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        await raw.CreateIfNotExistsAsync(cancellationToken: Ct);
        var script = new SessionScript(clinicId: clinic);
        var plainJson = script.Started().ToJsonString();

        var sent = await raw.SendMessageAsync(plainJson, Ct);

        var rejections = host.Get<RejectedEventRepository>();
        var row = (await Eventually.Until(
            () => rejections.ListAsync(null, DateOnly.FromDateTime(DateTime.UtcNow), Ct),
            rows => rows.Any(r => r.MessageKey == sent.Value.MessageId),
            TimeSpan.FromSeconds(30))).Single(r => r.MessageKey == sent.Value.MessageId);
        row.Rule.ShouldBe("not-base64");
        row.Source.ShouldBe("queue");
        row.RawText.ShouldContain(script.SessionId);
        row.RawText.ShouldNotContain(script.PatientRef);
        await Eventually.Until(async () => (await raw.GetPropertiesAsync(Ct)).Value.ApproximateMessagesCount, n => n == 0);
        var poison = new QueueClient(Azurite.ConnectionString, host.EventsQueue + "-poison");
        if ((await poison.ExistsAsync(Ct)).Value)
        {
            (await poison.PeekMessagesAsync(32, Ct)).Value.ShouldBeEmpty();
        }
    }

    private static QueueClient Queue(string name)
    {
        var client = new QueueClient(Azurite.ConnectionString, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        client.CreateIfNotExists();
        return client;
    }
}
