using InfusionAudit.Application.Alerts;
using InfusionAudit.Domain.Protocols;
using InfusionAudit.Infrastructure.Alerts;
using InfusionAudit.Infrastructure.Storage;
using InfusionAudit.Application.Ports.Alerts;
using InfusionAudit.Infrastructure.Storage.Alerts;
using InfusionAudit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static InfusionAudit.Testing.AlertTestHost;

namespace InfusionAudit.Application.Tests.Alerts;

/// <summary>
/// Issue 11 item 7: a notification is sent only by whoever holds its claim (an ETag-conditioned write on its outbox
/// row, renewed while the send lasts). The inline path and the alert timer run against Azurite and a real HTTP
/// listener on loopback; the listener holds its answer until the test releases it (the barrier that proves the timer
/// ran while the inline send was in flight), and alert time comes from a <see cref="FakeTimeProvider"/>.
/// The fake clock runs ahead of real time, so the timer must touch only this test's alerts in the shared Azurite: it
/// lists due sessions of a timer scope of its own (<c>InfusionAudit:Alerts:Scope</c>), and each test raises its alert
/// for a clinic of its own, so neither the clinic's alert listing nor its silences are another test's.
/// </summary>
public sealed class AlertSendClaimTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task ASlowWebhookIsSentOnceWhileTheTimerRunsPastTheLease()
    {
        var port = LoopbackPorts.Free();
        await using var receiver = new WebhookReceiver(port) { HoldFirstAnswer = true };
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var services = await ServicesAsync(port, clock);
        var raiser = services.GetRequiredService<AlertRaiser>();
        var timer = services.GetRequiredService<AlertClockHandler>();
        var request = AlertStorageTests.Request("S-claim-" + Guid.NewGuid().ToString("N")[..10], NewName("clinic"));
        var created = await raiser.RaiseAsync(request, Ct);
        created.ShouldHaveSingleItem().ETag.ShouldNotBe(default, "the commit reports the outbox row's ETag: the creator's claim");

        var inline = Task.Run(() => raiser.DispatchAsync(created, Ct), Ct);
        await receiver.FirstArrived.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        // The webhook stays silent for longer than the dispatch lease; the alert timer runs after that.
        for (var step = 0; step < 4; step++)
        {
            clock.Advance(Lease / 3);
            await LeaseHeldAsync(services, request.Evaluation.State.ClinicId, request.SessionId, clock);
        }

        var dueWhileSending = await timer.RunAsync(Ct);
        var requestsWhileSending = receiver.Requests.Count;
        receiver.ReleaseFirst.SetResult();
        await inline.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        clock.Advance(TimeSpan.FromMinutes(1));
        await timer.RunAsync(Ct);

        dueWhileSending.ShouldBe(1);
        requestsWhileSending.ShouldBe(1);
        receiver.Requests.Count.ShouldBe(1);
        var notification = (await services.GetRequiredService<AlertRepository>().LoadAsync(request.Evaluation.State.ClinicId, request.SessionId, Ct)).Notifications.ShouldHaveSingleItem();
        notification.Delivery.IsDelivered.ShouldBeTrue();
        notification.Delivery.Attempts.ShouldBe(1);
    }

    [Fact]
    public async Task AClaimerThatDiesMidSendIsRetriedByTheTimerOnceItsLeaseRunsOut()
    {
        var port = LoopbackPorts.Free();
        await using var receiver = new WebhookReceiver(port) { HoldFirstAnswer = true };
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var services = await ServicesAsync(port, clock);
        var raiser = services.GetRequiredService<AlertRaiser>();
        var timer = services.GetRequiredService<AlertClockHandler>();
        var request = AlertStorageTests.Request("S-crash-" + Guid.NewGuid().ToString("N")[..10], NewName("clinic"));
        var created = await raiser.RaiseAsync(request, Ct);

        using var dying = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var inline = Task.Run(() => raiser.DispatchAsync(created, dying.Token), Ct);
        await receiver.FirstArrived.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await dying.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => inline);

        clock.Advance(Lease - TimeSpan.FromSeconds(1));
        var beforeLeaseEnd = await timer.RunAsync(Ct);
        clock.Advance(TimeSpan.FromSeconds(2));
        var afterLeaseEnd = await timer.RunAsync(Ct);

        beforeLeaseEnd.ShouldBe(0);
        afterLeaseEnd.ShouldBe(1);
        receiver.Requests.Count.ShouldBe(2);
        (await services.GetRequiredService<AlertRepository>().LoadAsync(request.Evaluation.State.ClinicId, request.SessionId, Ct)).Notifications.ShouldHaveSingleItem().Delivery.IsDelivered.ShouldBeTrue();
    }

    // Waits until the outbox row shows a claim still running at the fake "now" (the sender renewed it in time).
    private static async Task LeaseHeldAsync(ServiceProvider services, string clinicId, string sessionId, FakeTimeProvider clock)
    {
        var repository = services.GetRequiredService<AlertRepository>();
        await Eventually.Until(
            () => repository.LoadAsync(clinicId, sessionId, Ct),
            p => p.Notifications.Single().Delivery.NextAttemptAt > clock.GetUtcNow(),
            TimeSpan.FromSeconds(20));
    }

    // Alerting as the hosts wire it (AddAlerting), on Azurite, with the webhook as the only transport and fake time.
    private static async Task<ServiceProvider> ServicesAsync(int port, FakeTimeProvider clock)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["InfusionAudit:Alerts:Transports"] = "webhook",
            ["InfusionAudit:Alerts:Scope"] = NewName("scope"),
            ["InfusionAudit:Alerts:DispatchLease"] = "00:00:15",
            ["InfusionAudit:Alerts:Webhook:Url"] = $"http://127.0.0.1:{port}/v2/enqueue",
            ["InfusionAudit:Alerts:Webhook:RoutingKey"] = "rk-oncall",
            ["InfusionAudit:Alerts:Webhook:MaxRetries"] = "0",
            ["InfusionAudit:Alerts:Webhook:AttemptTimeout"] = "00:01:00",
        }).Build();
        var account = new StorageAccount(Azurite.ConnectionString, new StorageRequestCounter());
        await account.EnsureTablesAsync(Ct);
        return new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton(account)
            // The hosts' core registration has it; the raiser reads each protocol's alert latency budget from it.
            .AddSingleton(ProtocolLibrary.LoadFromDirectory(Path.Combine(AppContext.BaseDirectory, "protocols")))
            .AddAlerting(configuration)
            .BuildServiceProvider();
    }
}
