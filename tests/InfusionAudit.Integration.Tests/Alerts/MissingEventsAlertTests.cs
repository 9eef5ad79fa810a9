using System.Text.Json.Nodes;
using InfusionAudit.Integration.Tests.Infrastructure;
using static InfusionAudit.Integration.Tests.Alerts.AlertTestHost;

namespace InfusionAudit.Integration.Tests.Alerts;

/// <summary>
/// Issue 11 item 8 end to end on Azurite: a session judged with a hole (the pump's pause still in a dead host's hands)
/// pages its over-delivery at once, marked "judged with 1 event missing"; the late pause then withdraws the finding.
/// </summary>
public sealed class MissingEventsAlertTests
{
    [Fact]
    public async Task AnOverDeliveryJudgedWithAHolePagesMarkedAndTheLatePauseWithdrawsIt()
    {
        var alerts = NewName("alerts");
        await using var host = await StartAsync(alerts, NewName("scope"));
        var script = new SessionScript();
        var started = script.Started();
        var rate = script.Rate(TimeSpan.FromSeconds(30), 52.5);
        var pause = script.Event("InfusionPaused", TimeSpan.FromMinutes(25), new JsonObject());
        var vitals = script.Vitals(TimeSpan.FromMinutes(49));

        await SendAsync(host, [started, rate, vitals]);
        var messages = await WaitForAsync(alerts, 1, TimeSpan.FromSeconds(20));

        var overDelivery = messages
            .SelectMany(m => m["alerts"]!.AsArray())
            .Single(a => a!["ruleId"]!.GetValue<string>() == "DOSE-OVER-DELIVERY")!;
        overDelivery["severity"]!.GetValue<string>().ShouldBe("critical");
        overDelivery["evidence"]!.GetValue<string>().ShouldContain("judged with 1 event missing");
        overDelivery["eventsMissing"]!.GetValue<long>().ShouldBe(1);
        messages.Select(m => m["summary"]!.GetValue<string>()).ShouldContain(s => s.Contains("judged with 1 event missing", StringComparison.Ordinal));

        await SendAsync(host, [pause]);

        var auditor = host.Client(TestKeys.Auditor);
        var session = await Eventually.Until(
            async () => JsonNode.Parse(await auditor.GetStringAsync($"/api/sessions/{script.SessionId}", Ct))!,
            s => OverDelivery(s)["retractedAt"] is not null,
            TimeSpan.FromSeconds(20));
        var finding = OverDelivery(session);

        finding.ShouldNotBeNull()["retractedAt"].ShouldNotBeNull("the late pause withdraws the over-delivery");
    }

    private static JsonNode OverDelivery(JsonNode session) =>
        session["findings"]!.AsArray().Single(f => f!["ruleId"]!.GetValue<string>() == "DOSE-OVER-DELIVERY")!;
}
