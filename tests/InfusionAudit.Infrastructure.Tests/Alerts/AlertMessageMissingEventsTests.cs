using InfusionAudit.Application.Alerts;
using InfusionAudit.Domain.Alerts;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Infrastructure.Alerts;
using InfusionAudit.Application.Ports.Alerts;
using InfusionAudit.Infrastructure.Storage.Alerts;
using Microsoft.Extensions.Options;

namespace InfusionAudit.Infrastructure.Tests.Alerts;

/// <summary>
/// Issue 11 item 8: an alert whose finding was judged with events missing says so in every transport, so the on-call
/// clinician knows the picture may be incomplete; an alert judged on a complete stream says nothing of the kind.
/// </summary>
public sealed class AlertMessageMissingEventsTests
{
    private static readonly AlertMessageBuilder Builder = new(Options.Create(new AlertOptions()));

    [Fact]
    public void TheMessageOfAnAlertJudgedWithAMissingEventCarriesTheCount()
    {
        var message = Message(("e1", 1));

        message.Alerts.ShouldHaveSingleItem().EventsMissing.ShouldBe(1);
        message.Summary.ShouldContain("judged with 1 event missing");
    }

    [Fact]
    public void AGroupedMessageSaysHowManyEventsItsWorstAlertWasJudgedWithout()
    {
        var message = Message(("e1", 0), ("e2", 3));

        message.Alerts.Select(a => a.EventsMissing).ShouldBe([0, 3]);
        message.Summary.ShouldContain("judged with 3 events missing");
    }

    [Fact]
    public void AMessageJudgedOnACompleteStreamSaysNothingMissing()
    {
        var message = Message(("e1", 0));

        message.Alerts.ShouldHaveSingleItem().EventsMissing.ShouldBe(0);
        message.Summary.ShouldNotContain("missing");
    }

    [Fact]
    public void TheServiceBusMessageCarriesTheCountAsAPropertySubscriptionsCanFilterOn()
    {
        var outbound = Outbound(("e1", 2));

        var sent = ServiceBusAlertTransport.ToMessage(outbound);

        sent.ApplicationProperties["eventsMissing"].ShouldBe(2L);
        sent.Body.ToString().ShouldContain("judged with 2 events missing");
        ServiceBusAlertTransport.ToMessage(Outbound(("e1", 0))).ApplicationProperties.ContainsKey("eventsMissing").ShouldBeFalse();
    }

    [Fact]
    public void TheWebhookEventSaysSoInItsSummaryAndDetails()
    {
        var transport = new WebhookAlertTransport(new NoClients(), Options.Create(new AlertOptions { Webhook = new WebhookAlertOptions { RoutingKey = "k" } }));

        var payload = transport.Events(Message(("e1", 1))).ShouldHaveSingleItem().Payload.ShouldNotBeNull();

        payload.Summary.ShouldContain("judged with 1 event missing");
        payload.CustomDetails["events_missing"].ShouldBe(1L);
    }

    private static AlertMessage Message(params (string Episode, long Missing)[] alerts) =>
        AlertMessageBuilder.Read(Outbound(alerts).Body);

    private static OutboundAlert Outbound(params (string Episode, long Missing)[] alerts)
    {
        const string sessionId = "S-gap1";
        var byId = new Dictionary<string, Alert>(StringComparer.Ordinal);
        foreach (var (episode, missing) in alerts)
        {
            var id = AlertIds.For("abq-01", sessionId, RuleIds.DoseOverDelivery, episode);
            var values = new Dictionary<string, double> { ["deliveredMg"] = 42 };
            var evidence = "delivered 42.0 mg, 20 % above the prescribed 35.0 mg";
            if (missing > 0)
            {
                values[Finding.EventsMissingKey] = missing;
                evidence += $" (judged with {missing} {(missing == 1 ? "event" : "events")} missing)";
            }

            byId[id] = new Alert(
                id, sessionId, "abq-01", RuleIds.DoseOverDelivery, episode, Severity.Critical, "ketamine-iv-depression", 1, evidence,
                values, ["pump-17"], episode, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch,
                AlertState.Open, null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddMinutes(5), null, null, null, null, null, null, []);
        }

        var notification = new AlertNotification(
            AlertIds.Notification("abq-01", sessionId, 1), 1, sessionId, "abq-01", NotificationKind.Trigger, NotificationTarget.OnCall, [.. byId.Keys], DateTimeOffset.UnixEpoch);
        var json = Builder.BuildJson(notification, byId);
        return OutboundAlert.From(new StoredNotification(notification, json, NotificationDelivery.Pending(DateTimeOffset.UnixEpoch)));
    }

    private sealed class NoClients : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => throw new InvalidOperationException("No request is sent in these tests.");
    }
}
