using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using InfusionAudit.Testing;

namespace InfusionAudit.Application.Tests.Audit;

/// <summary>
/// Issue 14 item 2, through real HTTP: a session's time line in clinical order. Items are ordered by when they happened
/// (a finding at its trigger's occurrence), detection and receipt are columns of their own, the session's rejected
/// input is on it, and each alert entry says the alert's state beside the person's note.
/// </summary>
public sealed class TimelineInClinicalOrderTests(AuditFixture fixture) : IClassFixture<AuditFixture>
{
    private static readonly DateTimeOffset Start = new(2025, 8, 4, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheTimelineIsInOccurrenceOrderWithDetectionAndReceiptAsColumnsAndTheRejectedInputOfTheSession()
    {
        var clinic = AuditFixture.NewClinic("tl");
        var script = new SessionScript(clinicId: clinic) { Start = Start };
        var early = script.Vitals(TimeSpan.FromMinutes(-5));
        var started = script.Started();
        var overRate = script.Rate(TimeSpan.FromSeconds(30), 120);
        var stop = script.Rate(TimeSpan.FromSeconds(30) + TimeSpan.FromMinutes(40), 0);
        var ended = script.Ended(TimeSpan.FromMinutes(45));

        // The pre-infusion vitals arrive last (a monitor that buffered them): received after everything else.
        (await fixture.IngestAsync([started, overRate, stop, ended], Start.AddMinutes(50))).Rejected.ShouldBe(0);
        (await fixture.IngestAsync([early], Start.AddMinutes(70))).Rejected.ShouldBe(0);
        var bad = SessionScript.Event(script.SessionId + "-bad", script.SessionId, clinic, "pump-17", 99, "InfusionRateChanged", Start.AddMinutes(20), new JsonObject { ["rateMlPerHour"] = -1 });
        (await fixture.IngestAsync([bad], Start.AddMinutes(21))).Rejected.ShouldBe(1);

        var client = fixture.Host.Client(TestKeys.Auditor);
        var timeline = JsonNode.Parse(await Body(client, $"/api/sessions/{script.SessionId}/timeline?clinicId={clinic}"))!["timeline"]!.AsArray()
            .Select(i => i!).ToList();

        var at = timeline.Select(i => At(i["at"])).ToList();
        at.ShouldBe(at.Order().ToList(), "the time line reads in the order things happened");
        var vitals = timeline.First(i => i["kind"]!.GetValue<string>() == "event" && i["what"]!.GetValue<string>() == "VitalsRecorded");
        At(vitals["occurredAt"]).ShouldBe(Start.AddMinutes(-5));
        At(vitals["receivedAt"]).ShouldBe(Start.AddMinutes(70));
        timeline.IndexOf(vitals).ShouldBe(0, "occurred first, received last");

        var rate = timeline.First(i => i["kind"]!.GetValue<string>() == "finding" && i["what"]!.GetValue<string>().StartsWith("RATE-", StringComparison.Ordinal));
        At(rate["occurredAt"]).ShouldBe(Start.AddSeconds(30), "a finding stands at its trigger's occurrence");
        At(rate["detectedAt"]).ShouldBe(Start.AddMinutes(50), "and says when it was detected");

        var rejected = timeline.Single(i => i["kind"]!.GetValue<string>() == "rejected");
        rejected["ref"]!.GetValue<string>().ShouldBe(script.SessionId + "-bad");
        At(rejected["occurredAt"]).ShouldBe(Start.AddMinutes(20));
        At(rejected["receivedAt"]).ShouldBe(Start.AddMinutes(21));
    }

    [Fact]
    public async Task EachAlertEntrySaysTheStateBesideTheNote()
    {
        var clinic = AuditFixture.NewClinic("tl");
        var session = await fixture.IngestAsync(AuditSession.Overdose(clinic, DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddMinutes(-50).ToUnixTimeSeconds())) with { ReceivedAt = DateTimeOffset.UtcNow });
        var onCall = fixture.Host.Client(TestKeys.OnCall);
        var alertId = JsonNode.Parse(await Body(onCall, $"/api/alerts?clinicId={clinic}"))!["items"]![0]!["alert"]!["alertId"]!.GetValue<string>();
        using (var ack = await onCall.PostAsync($"/api/alerts/{Uri.EscapeDataString(alertId)}/acknowledge", new StringContent("""{"note":"on my way"}""", System.Text.Encoding.UTF8, "application/json"), Ct))
        {
            ack.StatusCode.ShouldBe(HttpStatusCode.OK, await ack.Content.ReadAsStringAsync(Ct));
        }

        var timeline = JsonNode.Parse(await Body(fixture.Host.Client(TestKeys.Auditor), $"/api/sessions/{session.SessionId}/timeline?clinicId={clinic}"))!["timeline"]!.AsArray();
        var entries = timeline.Where(i => i!["kind"]!.GetValue<string>() == "alert").Select(i => i!).ToList();
        entries.First()["state"]!.GetValue<string>().ShouldBe("open");
        var acknowledged = entries.Single(e => e["note"]?.GetValue<string>() == "on my way");
        acknowledged["state"]!.GetValue<string>().ShouldBe("acknowledged");
        acknowledged["what"]!.GetValue<string>().ShouldBe("acknowledged");
    }

    private static DateTimeOffset At(JsonNode? value) => DateTimeOffset.Parse(value!.GetValue<string>(), CultureInfo.InvariantCulture);

    private static async Task<string> Body(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{path}: {body}");
        return body;
    }
}
