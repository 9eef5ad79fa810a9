using System.Net;
using InfusionAudit.Application.Alerts;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Infrastructure.Alerts;
using InfusionAudit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace InfusionAudit.Infrastructure.Tests.Alerts;

/// <summary>The webhook transport through its resilience pipeline against a real HTTP listener on loopback.</summary>
public sealed class WebhookAlertTransportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ATriggerIsPostedAsAPagerDutyEventKeyedByTheAlertId()
    {
        var port = LoopbackPorts.Free();
        await using var receiver = new WebhookReceiver(port);
        using var services = Services(port);
        var alert = ServiceBusAlertTransportTests.Outbound("S-wh1", 1, RuleIds.VitalsBpCritical);

        var results = await Transport(services).SendAsync([alert], Ct);

        results.ShouldBe([null]);
        var body = receiver.Bodies.ShouldHaveSingleItem();
        body["routing_key"]!.GetValue<string>().ShouldBe("rk-oncall");
        body["event_action"]!.GetValue<string>().ShouldBe("trigger");
        body["dedup_key"]!.GetValue<string>().ShouldBe(alert.Message.Alerts[0].AlertId);
        body["payload"]!["severity"]!.GetValue<string>().ShouldBe("critical");
        body["payload"]!["source"]!.GetValue<string>().ShouldBe("abq-01/pump-17");
        body["payload"]!["summary"]!.GetValue<string>().ShouldContain("205/125 mmHg");
        body["payload"]!["custom_details"]!["protocol"]!.GetValue<string>().ShouldBe("ketamine-iv-depression v1");
        body["payload"]!["custom_details"]!["acknowledge_url"]!.GetValue<string>().ShouldEndWith("/acknowledge");
    }

    [Fact]
    public async Task A5xxIsRetriedWithBackOffUntilAccepted()
    {
        var port = LoopbackPorts.Free();
        await using var receiver = new WebhookReceiver(port, HttpStatusCode.ServiceUnavailable, HttpStatusCode.InternalServerError);
        using var services = Services(port);

        var results = await Transport(services).SendAsync([ServiceBusAlertTransportTests.Outbound("S-wh2", 1, RuleIds.AeSevere)], Ct);

        results.ShouldBe([null]);
        receiver.Requests.Select(r => r.Status).ShouldBe([HttpStatusCode.ServiceUnavailable, HttpStatusCode.InternalServerError, HttpStatusCode.Accepted]);
        receiver.Bodies.Count.ShouldBe(1);
    }

    [Fact]
    public async Task PersistentFailureIsReportedAfterTheRetriesNotThrown()
    {
        var port = LoopbackPorts.Free();
        await using var receiver = new WebhookReceiver(port, Enumerable.Repeat(HttpStatusCode.BadGateway, 10).ToArray());
        using var services = Services(port);

        var results = await Transport(services).SendAsync([ServiceBusAlertTransportTests.Outbound("S-wh3", 1, RuleIds.AeSevere)], Ct);

        results.ShouldHaveSingleItem().ShouldBe($"webhook: HTTP 502 for {AlertIdOf("S-wh3")}");
        receiver.Requests.Count.ShouldBe(3);
    }

    [Fact]
    public async Task AClientErrorIsNotRetried()
    {
        var port = LoopbackPorts.Free();
        await using var receiver = new WebhookReceiver(port, HttpStatusCode.BadRequest);
        using var services = Services(port);

        var results = await Transport(services).SendAsync([ServiceBusAlertTransportTests.Outbound("S-wh4", 1, RuleIds.AeSevere)], Ct);

        results.ShouldHaveSingleItem()!.ShouldContain("HTTP 400");
        receiver.Requests.Count.ShouldBe(1);
    }

    private static string AlertIdOf(string sessionId) => Domain.Alerts.AlertIds.For("abq-01", sessionId, RuleIds.AeSevere, "e1");

    private static WebhookAlertTransport Transport(ServiceProvider services) => (WebhookAlertTransport)services.GetServices<IAlertTransport>().Single(t => t.Name == "webhook");

    // The transport as the hosts wire it: AddAlerting with the webhook on, so the resilience pipeline under test is the real one.
    private static ServiceProvider Services(int port)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["InfusionAudit:Alerts:Transports"] = "webhook",
            ["InfusionAudit:Alerts:Webhook:Url"] = $"http://127.0.0.1:{port}/v2/enqueue",
            ["InfusionAudit:Alerts:Webhook:RoutingKey"] = "rk-oncall",
            ["InfusionAudit:Alerts:Webhook:MaxRetries"] = "2",
            ["InfusionAudit:Alerts:Webhook:RetryDelay"] = "00:00:00.050",
        }).Build();
        return new ServiceCollection().AddLogging().AddAlerting(configuration).BuildServiceProvider();
    }
}
