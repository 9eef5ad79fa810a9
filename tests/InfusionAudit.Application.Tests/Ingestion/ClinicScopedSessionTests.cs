using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using InfusionAudit.Application.Ports.Rejections;
using InfusionAudit.Infrastructure.Storage.Rejections;
using InfusionAudit.Application.Ports.Sessions;
using InfusionAudit.Infrastructure.Storage.Sessions;
using InfusionAudit.Testing;
using static InfusionAudit.Testing.AlertTestHost;

namespace InfusionAudit.Application.Tests.Ingestion;

/// <summary>
/// Session ids are scoped by clinic: the same id at two clinics is two sessions, each with its own events, findings,
/// alerts and notifications; producer keys bound to clinics write only for them.
/// </summary>
public sealed class ClinicScopedSessionTests
{
    private const string BoundKey = "test-producer-key-bound-to-one-clinic";

    [Fact]
    public async Task TheSameSessionIdAtTwoClinicsOverTheQueueIsTwoSessionsWithTheirOwnFindingsAndAlerts()
    {
        var alerts = NewName("alerts");
        await using var host = await StartAsync(alerts, NewName("scope"));
        var (a, b) = TwoClinicsOneSessionId();

        // One message with both clinics' events, the starts first: the queue path groups them by (clinic, session).
        await SendAsync(host, [a.Started(), b.Started(), a.Rate(TimeSpan.FromSeconds(30), 52.5), b.Rate(TimeSpan.FromSeconds(30), 52.5), CriticalBloodPressure(a, TimeSpan.FromMinutes(5)), CriticalSpo2(b, TimeSpan.FromMinutes(6))]);
        var messages = await WaitForAsync(alerts, 2, TimeSpan.FromSeconds(30));

        await AssertTwoSessionsAsync(host, a, b);
        messages.Select(m => m!["clinicId"]!.GetValue<string>()).ShouldBe([a.ClinicId, b.ClinicId], ignoreOrder: true);
        messages.Select(m => m!["notificationId"]!.GetValue<string>()).Distinct().Count().ShouldBe(2);
        var fromA = messages.Single(m => m!["clinicId"]!.GetValue<string>() == a.ClinicId)!;
        fromA["subject"]!.GetValue<string>().ShouldBe("VITALS-BP-CRITICAL");
        fromA["links"]!["session"]!.GetValue<string>().ShouldBe($"/api/sessions/{a.SessionId}?clinicId={a.ClinicId}");
    }

    [Fact]
    public async Task TheSameSessionIdAtTwoClinicsOverHttpIsTwoSessionsWithTheirOwnFindingsAndAlerts()
    {
        await using var host = await TestHost.StartAsync();
        var (a, b) = TwoClinicsOneSessionId();
        var producer = host.Client(TestKeys.Producer);

        using var first = await producer.PostAsync("/api/events", Json(SessionScript.Batch([a.Started(), a.Rate(TimeSpan.FromSeconds(30), 52.5), CriticalBloodPressure(a, TimeSpan.FromMinutes(5))])), Ct);
        using var second = await producer.PostAsync("/api/events", Json(SessionScript.Batch([b.Started(), b.Rate(TimeSpan.FromSeconds(30), 52.5), CriticalSpo2(b, TimeSpan.FromMinutes(6))])), Ct);

        first.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await Body(second))["accepted"]!.GetValue<int>().ShouldBe(3);
        await AssertTwoSessionsAsync(host, a, b);
    }

    [Fact]
    public async Task AReadOfASessionIdThatTwoClinicsUseMustNameTheClinic()
    {
        await using var host = await TestHost.StartAsync();
        var (a, b) = TwoClinicsOneSessionId();
        var single = new SessionScript(clinicId: a.ClinicId);
        await host.Ingest.HandleAsync(SessionScript.Batch([a.Started(), b.Started(), single.Started()]), Context(), Ct);
        var auditor = host.Client(TestKeys.Auditor);

        using var ambiguous = await auditor.GetAsync($"/api/sessions/{a.SessionId}", Ct);
        using var ambiguousTimeline = await auditor.GetAsync($"/api/sessions/{a.SessionId}/timeline", Ct);
        using var named = await auditor.GetAsync($"/api/sessions/{a.SessionId}?clinicId={b.ClinicId}", Ct);
        using var unique = await auditor.GetAsync($"/api/sessions/{single.SessionId}", Ct);
        using var wrongClinic = await auditor.GetAsync($"/api/sessions/{single.SessionId}?clinicId={b.ClinicId}", Ct);
        using var badClinic = await auditor.GetAsync($"/api/sessions/{single.SessionId}?clinicId=no%20such", Ct);

        ambiguous.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        ambiguous.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await Body(ambiguous);
        problem["detail"]!.GetValue<string>().ShouldContain("clinicId");
        problem["detail"]!.GetValue<string>().ShouldContain(a.ClinicId);
        problem["detail"]!.GetValue<string>().ShouldContain(b.ClinicId);
        ambiguousTimeline.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        named.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Body(named))["state"]!["clinicId"]!.GetValue<string>().ShouldBe(b.ClinicId);
        unique.StatusCode.ShouldBe(HttpStatusCode.OK);
        wrongClinic.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        badClinic.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AProducerKeyBoundToAClinicHasItsEventsForAnotherClinicRejectedAndStoredAndTheOthersAccepted()
    {
        var (own, other) = TwoClinicsOneSessionId();
        await using var host = await TestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["InfusionAudit:ProducerKeys:0:Key"] = BoundKey,
            ["InfusionAudit:ProducerKeys:0:Clinics"] = own.ClinicId + ", some-other-clinic",
        });
        var ownOther = new SessionScript(clinicId: own.ClinicId);

        using var response = await host.Client(BoundKey).PostAsync(
            "/api/events",
            Json(SessionScript.Batch([own.Started(), other.Started(), ownOther.Started(), other.Rate(TimeSpan.FromMinutes(1), 52.5)])),
            Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var results = (await Body(response))["results"]!.AsArray();
        results.Select(r => r!["status"]!.GetValue<string>()).ShouldBe(["accepted", "rejected", "accepted", "rejected"]);
        results[1]!["rejection"]!["rule"]!.GetValue<string>().ShouldBe("clinic-not-allowed");
        results[1]!["rejection"]!["field"]!.GetValue<string>().ShouldBe("clinicId");
        var sessions = host.Get<SessionRepository>();
        (await sessions.LoadAsync(own.ClinicId, own.SessionId, Ct)).Events.Count.ShouldBe(1);
        (await sessions.LoadAsync(other.ClinicId, other.SessionId, Ct)).Events.ShouldBeEmpty();
        var rejected = await host.Get<RejectedEventRepository>().ListAsync(other.ClinicId, DateOnly.FromDateTime(other.Start.UtcDateTime), Ct);
        rejected.Count(r => r.SessionId == other.SessionId && r.Rule == "clinic-not-allowed").ShouldBe(2);
        rejected.ShouldAllBe(r => !r.RawText.Contains(other.PatientRef));

        // The unbound key still writes for any clinic.
        using var unbound = await host.Client(TestKeys.Producer).PostAsync("/api/events", Json(other.Started().ToJsonString()), Ct);
        (await Body(unbound))["accepted"]!.GetValue<int>().ShouldBe(1);
    }

    private static async Task AssertTwoSessionsAsync(TestHost host, SessionScript a, SessionScript b)
    {
        var sessions = host.Get<SessionRepository>();
        var atA = await Eventually.Until(() => sessions.LoadAsync(a.ClinicId, a.SessionId, Ct), s => s.Events.Count == 3);
        var atB = await Eventually.Until(() => sessions.LoadAsync(b.ClinicId, b.SessionId, Ct), s => s.Events.Count == 3);
        atA.Events.ShouldAllBe(e => e.ClinicId == a.ClinicId);
        atB.Events.ShouldAllBe(e => e.ClinicId == b.ClinicId);
        atA.Findings.Select(f => f.RuleId).ShouldContain("VITALS-BP-CRITICAL");
        atA.Findings.Select(f => f.RuleId).ShouldNotContain("VITALS-SPO2-CRITICAL");
        atB.Findings.Select(f => f.RuleId).ShouldContain("VITALS-SPO2-CRITICAL");
        atB.Findings.Select(f => f.RuleId).ShouldNotContain("VITALS-BP-CRITICAL");

        var onCall = host.Client(TestKeys.OnCall);
        var alertsA = await Eventually.Until(() => AlertsAsync(onCall, a), l => l.Count > 0);
        var alertsB = await Eventually.Until(() => AlertsAsync(onCall, b), l => l.Count > 0);
        alertsA.Select(x => x["ruleId"]!.GetValue<string>()).ShouldBe(["VITALS-BP-CRITICAL"]);
        alertsB.Select(x => x["ruleId"]!.GetValue<string>()).ShouldBe(["VITALS-SPO2-CRITICAL"]);
        var idA = alertsA[0]["alertId"]!.GetValue<string>();
        var idB = alertsB[0]["alertId"]!.GetValue<string>();
        idA.ShouldNotBe(idB);
        using var readA = await onCall.GetAsync($"/api/alerts/{Uri.EscapeDataString(idA)}", Ct);
        using var readB = await onCall.GetAsync($"/api/alerts/{Uri.EscapeDataString(idB)}", Ct);
        (await Body(readA))["alert"]!["clinicId"]!.GetValue<string>().ShouldBe(a.ClinicId);
        var b1 = await Body(readB);
        b1["alert"]!["clinicId"]!.GetValue<string>().ShouldBe(b.ClinicId);
        b1["notifications"]!.AsArray().ShouldHaveSingleItem();
    }

    private static async Task<List<JsonNode>> AlertsAsync(HttpClient client, SessionScript script)
    {
        using var response = await client.GetAsync($"/api/alerts?clinicId={script.ClinicId}", Ct);
        var items = (await Body(response))["items"]!.AsArray();
        return [.. items.Select(i => i!["alert"]!).Where(x => x["sessionId"]!.GetValue<string>() == script.SessionId)];
    }

    private static (SessionScript A, SessionScript B) TwoClinicsOneSessionId()
    {
        var sessionId = "S-" + Guid.NewGuid().ToString("N")[..12];
        var suffix = Guid.NewGuid().ToString("N")[..8];
        return (new SessionScript(sessionId, clinicId: "clinic-a-" + suffix), new SessionScript(sessionId, clinicId: "clinic-b-" + suffix, deviceId: "pump-42"));
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<JsonNode> Body(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;

    private static Application.Ingestion.IngestContext Context() => new("queue", "m-" + Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow);
}
