using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using InfusionAudit.Testing;
using static InfusionAudit.Testing.AlertTestHost;

namespace InfusionAudit.Application.Tests.Alerts;

/// <summary>
/// Alerts say when and what (issue 14 item 5), through the real local host on Azurite: the occurrence time beside the
/// detection time with an "arrived late" mark past the protocol's latency budget, grouped pages with each problem's
/// values, and the alert list's severity, escalated and all-clinics selections.
/// </summary>
public sealed class AlertWhenAndWhatTests
{
    [Fact]
    public async Task AnAlertShowsWhenItsEventOccurredAndIsMarkedLateOnlyPastTheLatencyBudget()
    {
        var alerts = NewName("alerts");
        await using var host = await StartAsync(alerts, NewName("scope"));
        var clinic = NewName("clinic");
        // Buffered for 45 minutes (the protocol's budget is the default 2 min) against one sent as it happened.
        var late = new SessionScript(clinicId: clinic) { Start = Now() - TimeSpan.FromMinutes(50) };
        var onTime = new SessionScript(clinicId: clinic) { Start = Now() - TimeSpan.FromSeconds(40) };

        await SendAsync(host, [late.Started(), CriticalSpo2(late, TimeSpan.FromMinutes(5))]);
        await SendAsync(host, [onTime.Started(), CriticalSpo2(onTime, TimeSpan.FromSeconds(30))]);
        var messages = await WaitForAsync(alerts, 2, TimeSpan.FromSeconds(30));

        var lateMessage = messages.Single(m => m["sessionId"]!.GetValue<string>() == late.SessionId);
        TestContext.Current.TestOutputHelper?.WriteLine(lateMessage.ToJsonString());
        var lateItem = lateMessage["alerts"]!.AsArray().ShouldHaveSingleItem()!;
        Time(lateItem["occurredAt"]).ShouldBe(late.Start + TimeSpan.FromMinutes(5));
        (Time(lateItem["detectedAt"]) - Time(lateItem["occurredAt"])).ShouldBeGreaterThan(TimeSpan.FromMinutes(40));
        lateItem["arrivedLate"]!.GetValue<bool>().ShouldBeTrue();
        lateItem["values"]!.AsArray().Select(v => v!.GetValue<string>()).ShouldBe(["SpO2 85 %"]);
        lateMessage["summary"]!.GetValue<string>().ShouldContain("arrived late");
        lateMessage["summary"]!.GetValue<string>().ShouldContain("occurred " + (late.Start + TimeSpan.FromMinutes(5)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture));

        var onTimeMessage = messages.Single(m => m["sessionId"]!.GetValue<string>() == onTime.SessionId);
        var onTimeItem = onTimeMessage["alerts"]!.AsArray().ShouldHaveSingleItem()!;
        Time(onTimeItem["occurredAt"]).ShouldBe(onTime.Start + TimeSpan.FromSeconds(30));
        onTimeItem["arrivedLate"]!.GetValue<bool>().ShouldBeFalse();
        onTimeMessage["summary"]!.GetValue<string>().ShouldNotContain("arrived late");

        // The API's alert says the same.
        var view = await host.Client(TestKeys.OnCall).GetFromJsonAsync<JsonNode>($"/api/alerts/{lateItem["alertId"]!.GetValue<string>()}", Ct);
        Time(view!["alert"]!["occurredAt"]).ShouldBe(late.Start + TimeSpan.FromMinutes(5));
        view["alert"]!["arrivedLate"]!.GetValue<bool>().ShouldBeTrue();
        Time(view["alert"]!["detectedAt"]).ShouldBe(Time(lateItem["detectedAt"]));
    }

    [Fact]
    public async Task AGroupedNotificationListsEachProblemWithItsValues()
    {
        var alerts = NewName("alerts");
        var window = TimeSpan.FromMinutes(2);
        var clock = NewClock();
        await using var host = await StartOnClockAsync(clock, alerts, NewName("scope"), new Dictionary<string, string?> { ["InfusionAudit:Alerts:GroupWindow"] = "00:02:00" });
        var script = new SessionScript();
        await SendAsync(host, [script.Started(), script.Rate(TimeSpan.FromSeconds(30), 52.5), CriticalBloodPressure(script, TimeSpan.FromMinutes(5))]);
        (await WaitForAsync(alerts, 1, TimeSpan.FromSeconds(20))).ShouldHaveSingleItem();
        var notifiedAt = clock.GetUtcNow();

        clock.Advance(TimeSpan.FromSeconds(20));
        await SendAsync(host, [script.Event("VitalsRecorded", TimeSpan.FromMinutes(6), new JsonObject { ["respiratoryRatePerMin"] = 7 })]);
        clock.Advance(TimeSpan.FromSeconds(20));
        await SendAsync(host, [script.Vitals(TimeSpan.FromMinutes(7), spo2: 86.04)]);
        await EventsHandledAsync(host);
        clock.SetUtcNow(notifiedAt + window);
        await TickAsync(host);
        var followUp = (await TakeNowAsync(alerts)).ShouldHaveSingleItem();

        TestContext.Current.TestOutputHelper?.WriteLine(followUp.ToJsonString());
        followUp["subject"]!.GetValue<string>().ShouldBe("grouped");
        var summary = followUp["summary"]!.GetValue<string>();
        summary.ShouldContain("2 problems", customMessage: summary);
        summary.ShouldContain("VITALS-RR-CRITICAL RR 7/min", customMessage: summary);
        summary.ShouldContain("VITALS-SPO2-CRITICAL SpO2 86 %");
        summary.ShouldNotContain("86.04");
        var items = followUp["alerts"]!.AsArray();
        items.Single(i => i!["ruleId"]!.GetValue<string>() == "VITALS-SPO2-CRITICAL")!["values"]!.AsArray().Select(v => v!.GetValue<string>()).ShouldBe(["SpO2 86 %"]);
        items.Single(i => i!["ruleId"]!.GetValue<string>() == "VITALS-SPO2-CRITICAL")!["evidenceValues"]!["spo2Percent"]!.GetValue<double>().ShouldBe(86);
        items.Single(i => i!["ruleId"]!.GetValue<string>() == "VITALS-RR-CRITICAL")!["values"]!.AsArray().Select(v => v!.GetValue<string>()).ShouldBe(["RR 7/min"]);
    }

    [Fact]
    public async Task AlertListsFilterBySeverityAndEscalatedAndRefuseBadValuesByName()
    {
        var alerts = NewName("alerts");
        var clock = NewClock();
        var clinic = NewName("clinic");
        await using var host = await StartOnClockAsync(clock, alerts, NewName("scope"), new Dictionary<string, string?> { [$"InfusionAudit:Alerts:Clinics:{clinic}:WarningRules:0"] = "VITALS-SPO2-LOW" });
        var critical = new SessionScript(clinicId: clinic);
        var warning = new SessionScript(clinicId: clinic);
        await SendAsync(host, [critical.Started(), CriticalBloodPressure(critical, TimeSpan.FromMinutes(5))]);
        await SendAsync(host, [warning.Started(), warning.Vitals(TimeSpan.FromMinutes(5), spo2: 92)]);
        await EventsHandledAsync(host);
        var client = host.Client(TestKeys.OnCall);
        // The warning is taken on; the critical one escalates: nobody acknowledged it by its deadline.
        var warningId = (await client.GetFromJsonAsync<JsonNode>($"/api/alerts?clinicId={clinic}&severity=warning", Ct))!["items"]![0]!["alert"]!["alertId"]!.GetValue<string>();
        using (var ack = await client.PostAsync($"/api/alerts/{warningId}/acknowledge", null, Ct))
        {
            ack.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        clock.Advance(TimeSpan.FromMinutes(30));
        await TickAsync(host);

        var all = await RuleIdsAsync(client, $"/api/alerts?clinicId={clinic}");
        var criticalOnly = await RuleIdsAsync(client, $"/api/alerts?clinicId={clinic}&severity=critical");
        var warningOnly = await RuleIdsAsync(client, $"/api/alerts?clinicId={clinic}&severity=warning");
        var escalated = await RuleIdsAsync(client, $"/api/alerts?clinicId={clinic}&severity=critical&escalated=true");
        var notEscalated = await RuleIdsAsync(client, $"/api/alerts?clinicId={clinic}&escalated=false");

        all.Order().ShouldBe(["VITALS-BP-CRITICAL", "VITALS-SPO2-LOW"]);
        criticalOnly.ShouldBe(["VITALS-BP-CRITICAL"]);
        warningOnly.ShouldBe(["VITALS-SPO2-LOW"]);
        escalated.ShouldBe(["VITALS-BP-CRITICAL"]);
        notEscalated.ShouldBe(["VITALS-SPO2-LOW"]);
        foreach (var (query, parameter) in new[] { ("severity=urgent", "severity"), ("severity=2", "severity"), ("escalated=yes", "escalated") })
        {
            using var bad = await client.GetAsync($"/api/alerts?clinicId={clinic}&{query}", Ct);
            var body = await bad.Content.ReadAsStringAsync(Ct);
            bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
            JsonNode.Parse(body)!["parameter"]!.GetValue<string>().ShouldBe(parameter);
        }
    }

    [Fact]
    public async Task OnlyAnAdminListsAlertsAcrossClinics()
    {
        var alerts = NewName("alerts");
        await using var host = await StartAsync(alerts, NewName("scope"));
        var first = new SessionScript(clinicId: NewName("clinic"));
        var second = new SessionScript(clinicId: NewName("clinic"));
        await SendAsync(host, [first.Started(), CriticalBloodPressure(first, TimeSpan.FromMinutes(5))]);
        await SendAsync(host, [second.Started(), CriticalSpo2(second, TimeSpan.FromMinutes(5))]);
        (await WaitForAsync(alerts, 2, TimeSpan.FromSeconds(30))).Count.ShouldBe(2);

        // Other tests' alerts share the listing: page through it and keep this test's clinics.
        var clinics = new List<string>();
        string? token = null;
        do
        {
            var page = await host.Client(TestKeys.Admin).GetFromJsonAsync<JsonNode>("/api/alerts?pageSize=100" + (token is null ? string.Empty : "&continuationToken=" + Uri.EscapeDataString(token)), Ct);
            clinics.AddRange(page!["items"]!.AsArray().Select(i => i!["alert"]!["clinicId"]!.GetValue<string>()).Where(c => c == first.ClinicId || c == second.ClinicId));
            token = page["continuationToken"]?.GetValue<string>();
        }
        while (token is not null);

        clinics.Order().ShouldBe(new[] { first.ClinicId, second.ClinicId }.Order());
        foreach (var key in new[] { TestKeys.OnCall, TestKeys.Auditor })
        {
            using var refused = await host.Client(key).GetAsync("/api/alerts", Ct);
            var body = await refused.Content.ReadAsStringAsync(Ct);
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
            JsonNode.Parse(body)!["parameter"]!.GetValue<string>().ShouldBe("clinicId");
        }
    }

    private static async Task<List<string>> RuleIdsAsync(HttpClient client, string path)
    {
        var page = await client.GetFromJsonAsync<JsonNode>(path, Ct);
        return [.. page!["items"]!.AsArray().Select(i => i!["alert"]!["ruleId"]!.GetValue<string>())];
    }

    private static DateTimeOffset Now() => DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    private static DateTimeOffset Time(JsonNode? node) => DateTimeOffset.Parse(node!.GetValue<string>(), CultureInfo.InvariantCulture);
}
