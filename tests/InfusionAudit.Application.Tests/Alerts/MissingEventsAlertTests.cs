using System.Text.Json.Nodes;
using InfusionAudit.Domain.Alerts;
using InfusionAudit.Testing;
using static InfusionAudit.Testing.AlertTestHost;

namespace InfusionAudit.Application.Tests.Alerts;

/// <summary>
/// Issue 11 item 8 end to end on Azurite: a session judged with a hole (the pump's pause still in a dead host's hands)
/// stores its over-delivery at once, marked "judged with 1 event missing", but holds the page for the gap hold. The
/// late pause withdraws the finding and nobody is paged; a pause that never comes pages, marked, once the hold ran out.
/// </summary>
public sealed class MissingEventsAlertTests
{
    private static readonly TimeSpan Hold = AlertPolicyOptions.DefaultGapHold;

    [Fact]
    public async Task AnOverDeliveryJudgedWithAHoleIsNotPagedWhenTheLatePauseWithdrawsItWithinTheHold()
    {
        var clock = NewClock();
        var alerts = NewName("alerts");
        await using var host = await StartOnClockAsync(clock, alerts, NewName("scope"));
        var script = new SessionScript();
        var (withHole, pause) = OverDeliveryWithAHole(script);

        await SendAsync(host, withHole);
        await EventsHandledAsync(host);
        var marked = await FindingAsync(host, script, f => f is not null);
        marked["evidence"]!.GetValue<string>().ShouldContain("judged with 1 event missing");
        marked["retractedAt"].ShouldBeNull();
        (await TakeNowAsync(alerts)).ShouldBeEmpty();

        clock.Advance(Hold - TimeSpan.FromSeconds(1));
        await SendAsync(host, [pause]);
        await EventsHandledAsync(host);
        await FindingAsync(host, script, f => f?["retractedAt"] is not null);

        // Past the hold: the page that waited for the pause was dropped, unseen.
        clock.Advance(TimeSpan.FromSeconds(2));
        await TickAsync(host);
        (await TakeNowAsync(alerts)).ShouldBeEmpty();
        using var oncall = host.Client(TestKeys.OnCall);
        var open = JsonNode.Parse(await oncall.GetStringAsync($"/api/alerts?clinicId={script.ClinicId}&state=open", Ct))!;
        open["items"]!.AsArray().ShouldNotContain(a => a!["alert"]!["sessionId"]!.GetValue<string>() == script.SessionId);
    }

    [Fact]
    public async Task AnOverDeliveryJudgedWithAHoleWhoseEventsNeverComePagesMarkedOnceTheHoldRunsOut()
    {
        var clock = NewClock();
        var alerts = NewName("alerts");
        await using var host = await StartOnClockAsync(clock, alerts, NewName("scope"));
        var script = new SessionScript();
        var (withHole, _) = OverDeliveryWithAHole(script);

        await SendAsync(host, withHole);
        await EventsHandledAsync(host);
        (await TakeNowAsync(alerts)).ShouldBeEmpty();
        clock.Advance(Hold - TimeSpan.FromSeconds(1));
        await TickAsync(host);
        (await TakeNowAsync(alerts)).ShouldBeEmpty();
        clock.Advance(TimeSpan.FromSeconds(1));
        await TickAsync(host);
        var messages = await TakeNowAsync(alerts);

        var overDelivery = messages.ShouldHaveSingleItem()["alerts"]!.AsArray()
            .Single(a => a!["ruleId"]!.GetValue<string>() == "DOSE-OVER-DELIVERY")!;
        overDelivery["severity"]!.GetValue<string>().ShouldBe("critical");
        overDelivery["evidence"]!.GetValue<string>().ShouldContain("judged with 1 event missing");
        overDelivery["eventsMissing"]!.GetValue<long>().ShouldBe(1);
        messages[0]["summary"]!.GetValue<string>().ShouldContain("judged with 1 event missing");
        (await FindingAsync(host, script, f => f is not null))["retractedAt"].ShouldBeNull();
    }

    /// <summary>A 52.5 mL/h infusion whose pause (sequence 3) is missing: vitals at 49 min show it ran on and over-delivered.</summary>
    private static (JsonObject[] WithHole, JsonObject Pause) OverDeliveryWithAHole(SessionScript script)
    {
        var started = script.Started();
        var rate = script.Rate(TimeSpan.FromSeconds(30), 52.5);
        var pause = script.Event("InfusionPaused", TimeSpan.FromMinutes(25), new JsonObject());
        var vitals = script.Vitals(TimeSpan.FromMinutes(49));
        return ([started, rate, vitals], pause);
    }

    private static async Task<JsonNode> FindingAsync(TestHost host, SessionScript script, Func<JsonNode?, bool> done)
    {
        using var auditor = host.Client(TestKeys.Auditor);
        var finding = await Eventually.Require(
            $"the DOSE-OVER-DELIVERY finding of {script.SessionId}",
            async () =>
            {
                using var response = await auditor.GetAsync($"/api/sessions/{script.SessionId}", Ct);
                return response.IsSuccessStatusCode
                    ? JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["findings"]!.AsArray().SingleOrDefault(f => f!["ruleId"]!.GetValue<string>() == "DOSE-OVER-DELIVERY")
                    : null;
            },
            done,
            TimeSpan.FromSeconds(20),
            f => f?.ToJsonString() ?? "no such finding");
        return finding!;
    }
}
