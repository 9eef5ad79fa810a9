using InfusionAudit.Application.Alerts;
using InfusionAudit.Domain.Alerts;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Infrastructure.Alerts;
using InfusionAudit.Application.Ports.Alerts;
using InfusionAudit.Infrastructure.Storage.Alerts;
using Microsoft.Extensions.Options;

namespace InfusionAudit.Infrastructure.Tests.Alerts;

/// <summary>
/// The console link a notification carries opens on both hosts: it points at <c>/api/console/</c>, where the Function
/// App and the local host both serve the console (the Function App cannot serve <c>/</c>).
/// </summary>
public sealed class AlertConsoleLinkTests
{
    private const string AlertId = "S-link1~DOSE-OVER~e1@x";

    [Fact]
    public void TheConsoleLinkIsThePublicBaseUrlsConsoleRouteAtTheEscapedAlert()
    {
        var alert = Message("https://infusionaudit.example.org/").Alerts.ShouldHaveSingleItem();

        alert.Links.Console.ShouldBe("https://infusionaudit.example.org/api/console/#/alerts/S-link1~DOSE-OVER~e1%40x");
    }

    [Fact]
    public void WithoutAPublicBaseUrlTheLinkIsRelativeToTheApp() =>
        Message(null).Alerts.ShouldHaveSingleItem().Links.Console.ShouldBe("/api/console/#/alerts/S-link1~DOSE-OVER~e1%40x");

    [Fact]
    public void TheWebhookTriggerLinksToTheSameConsoleUrl()
    {
        var options = new AlertOptions { PublicBaseUrl = "https://infusionaudit.example.org", Webhook = new WebhookAlertOptions { RoutingKey = "k" } };
        var transport = new WebhookAlertTransport(new NoClients(), Options.Create(options));

        var links = transport.Events(Message(options.PublicBaseUrl)).ShouldHaveSingleItem().Links.ShouldNotBeNull();

        links.Single(l => l.Text.StartsWith("Open in the console", StringComparison.Ordinal)).Href
            .ShouldBe("https://infusionaudit.example.org/api/console/#/alerts/S-link1~DOSE-OVER~e1%40x");
    }

    private static AlertMessage Message(string? publicBaseUrl)
    {
        var builder = new AlertMessageBuilder(Options.Create(new AlertOptions { PublicBaseUrl = publicBaseUrl }));
        var alert = new Alert(
            AlertId, "S-link1", "abq-01", RuleIds.DoseOverDelivery, "e1", Severity.Critical, "ketamine-iv-depression", 1, "delivered 42.0 mg",
            new Dictionary<string, double> { ["deliveredMg"] = 42 }, ["pump-17"], "e1", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch,
            AlertState.Open, null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddMinutes(5), null, null, null, null, null, null, []);
        var notification = new AlertNotification(
            AlertIds.Notification("abq-01", "S-link1", 1), 1, "S-link1", "abq-01", NotificationKind.Trigger, NotificationTarget.OnCall, [AlertId], DateTimeOffset.UnixEpoch);
        var json = builder.BuildJson(notification, new Dictionary<string, Alert>(StringComparer.Ordinal) { [AlertId] = alert });
        return AlertMessageBuilder.Read(OutboundAlert.From(new StoredNotification(notification, json, NotificationDelivery.Pending(DateTimeOffset.UnixEpoch))).Body);
    }

    private sealed class NoClients : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => throw new InvalidOperationException("No request is sent in these tests.");
    }
}
