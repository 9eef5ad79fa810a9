using System.Text;
using Amqp;
using InfusionAudit.Application.Alerts;
using InfusionAudit.Domain.Alerts;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Infrastructure.Alerts;
using InfusionAudit.Application.Ports.Alerts;
using InfusionAudit.Infrastructure.Storage.Alerts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace InfusionAudit.Infrastructure.Tests.Alerts;

/// <summary>The Service Bus transport, the real SDK on the wire against an in-process AMQP 1.0 listener.</summary>
public sealed class ServiceBusAlertTransportTests
{
    private const string Topic = "clinical-alerts";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ANotificationArrivesWithItsBodyIdSubjectAndProperties()
    {
        using var broker = new AmqpTestBroker(Topic);
        await using var transport = Transport(broker);
        var alert = Outbound("S-sb1", 1, RuleIds.VitalsBpCritical);

        var results = await transport.SendAsync([alert], Ct);

        results.ShouldBe([null]);
        var received = broker.Messages.ShouldHaveSingleItem();
        received.Properties.MessageId.ShouldBe("S-sb1@abq-01~n001");
        received.Properties.Subject.ShouldBe("VITALS-BP-CRITICAL");
        received.Properties.ContentType.ToString().ShouldBe("application/json");
        received.Properties.CorrelationId.ShouldBe("S-sb1@abq-01");
        Body(received).ShouldBe(alert.Body);
        received.ApplicationProperties["severity"].ShouldBe("critical");
        received.ApplicationProperties["clinicId"].ShouldBe("abq-01");
        received.ApplicationProperties["sessionId"].ShouldBe("S-sb1");
        received.ApplicationProperties["state"].ShouldBe("open");
        received.ApplicationProperties["target"].ShouldBe("onCall");
        received.ApplicationProperties["kind"].ShouldBe("trigger");
    }

    [Fact]
    public async Task SeveralNotificationsTravelInOneBatch()
    {
        using var broker = new AmqpTestBroker(Topic);
        await using var transport = Transport(broker);
        var alerts = Enumerable.Range(1, 5).Select(i => Outbound("S-sb2", i, i % 2 == 0 ? RuleIds.AeSevere : RuleIds.VitalsSpo2Critical)).ToList();

        var results = await transport.SendAsync(alerts, Ct);

        results.ShouldAllBe(r => r == null);
        broker.Transfers.ShouldBe(1);
        broker.Messages.Select(m => m.Properties.MessageId).ShouldBe(alerts.Select(a => a.Message.NotificationId));
        broker.Messages.Select(m => m.Properties.Subject).ShouldBe(["VITALS-SPO2-CRITICAL", "AE-SEVERE", "VITALS-SPO2-CRITICAL", "AE-SEVERE", "VITALS-SPO2-CRITICAL"]);
        broker.Messages.Select(Body).ShouldBe(alerts.Select(a => a.Body));
    }

    [Fact]
    public async Task MoreThanABatchHoldsGoesOutInSeveralBatches()
    {
        using var broker = new AmqpTestBroker(Topic);
        await using var transport = Transport(broker);

        // Each message is about 60 KiB, so four do not fit in the 256 KiB the broker allows.
        var alerts = Enumerable.Range(1, 6).Select(i => Outbound("S-sb3", i, RuleIds.AeSevere, padding: 60_000)).ToList();
        var results = await transport.SendAsync(alerts, Ct);

        results.ShouldAllBe(r => r == null);
        broker.Transfers.ShouldBeGreaterThan(1);
        broker.Messages.Select(m => m.Properties.MessageId).ShouldBe(alerts.Select(a => a.Message.NotificationId));
    }

    [Fact]
    public async Task ARejectedSendIsReportedForEachMessageNotThrown()
    {
        using var broker = new AmqpTestBroker(Topic) { RejectWith = "amqp:unauthorized-access" };
        await using var transport = Transport(broker);

        var results = await transport.SendAsync([Outbound("S-sb4", 1, RuleIds.AeSevere), Outbound("S-sb4", 2, RuleIds.AeSevere)], Ct);

        results.Count.ShouldBe(2);
        results.ShouldAllBe(r => r != null && r.StartsWith("serviceBus:", StringComparison.Ordinal));
    }

    private static ServiceBusAlertTransport Transport(AmqpTestBroker broker)
    {
        var options = Options.Create(new AlertOptions { ServiceBus = new ServiceBusAlertOptions { ConnectionString = broker.ConnectionString, TopicName = Topic } });
        return new ServiceBusAlertTransport(options, new ConfigurationBuilder().Build());
    }

    private static string Body(Message message) => message.Body switch
    {
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        _ => throw new InvalidOperationException($"Unexpected body {message.Body?.GetType()}"),
    };

    internal static OutboundAlert Outbound(string sessionId, int number, string ruleId, int padding = 0)
    {
        var finding = ruleId + (padding > 0 ? new string('x', padding) : string.Empty);
        var alertId = AlertIds.For("abq-01", sessionId, ruleId, $"e{number}");
        var alert = new Alert(
            alertId, sessionId, "abq-01", ruleId, $"e{number}", Severity.Critical, "ketamine-iv-depression", 1, $"{finding} evidence 205/125 mmHg",
            new Dictionary<string, double> { ["systolicMmHg"] = 205 }, ["pump-17"], $"e{number}", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch,
            AlertState.Open, null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddMinutes(5), null, null, null, null, null, null, []);
        var notification = new AlertNotification(AlertIds.Notification("abq-01", sessionId, number), number, sessionId, "abq-01", NotificationKind.Trigger, NotificationTarget.OnCall, [alertId], DateTimeOffset.UnixEpoch);
        var builder = new AlertMessageBuilder(Options.Create(new AlertOptions()));
        var json = builder.BuildJson(notification, new Dictionary<string, Alert> { [alertId] = alert });
        return OutboundAlert.From(new StoredNotification(notification, json, NotificationDelivery.Pending(DateTimeOffset.UnixEpoch)));
    }
}
