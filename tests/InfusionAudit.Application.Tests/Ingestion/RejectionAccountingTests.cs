using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using InfusionAudit.Application.Ports.Sessions;
using InfusionAudit.Infrastructure.Storage.Sessions;
using InfusionAudit.Testing;

namespace InfusionAudit.Application.Tests.Ingestion;

/// <summary>
/// Every input accounted for (issue 14 item 6), through the real local host on Azurite: who may read which rejections,
/// the scope of event id uniqueness, and an access log that tells a wrong key from no key.
/// </summary>
public sealed class RejectionAccountingTests
{
    private const string BoundKey = "test-producer-key-bound-for-rejections";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    // Rejections are filed under the clinical date of their events, and SessionScript dates a session 50 minutes back:
    // just after midnight UTC that is yesterday.
    private static string Yesterday => DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task AProducerReadsTheRejectionsOfItsOwnClinicsOnly()
    {
        var own = new SessionScript(clinicId: "rej-own-" + Guid.NewGuid().ToString("N")[..8]);
        var other = new SessionScript(clinicId: "rej-oth-" + Guid.NewGuid().ToString("N")[..8]);
        await using var host = await TestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["InfusionAudit:ProducerKeys:0:Key"] = BoundKey,
            ["InfusionAudit:ProducerKeys:0:Clinics"] = own.ClinicId,
        });
        using (var sent = await host.Client(BoundKey).PostAsync("/api/events", Json(SessionScript.Batch([own.Started(weightKg: -70), other.Started()])), Ct))
        {
            sent.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        var ownRows = await host.Client(BoundKey).GetFromJsonAsync<JsonNode>($"/api/clinics/{own.ClinicId}/rejected?from={Yesterday}&to={Today}", Ct);
        using var otherClinic = await host.Client(BoundKey).GetAsync($"/api/clinics/{other.ClinicId}/rejected?from={Yesterday}&to={Today}", Ct);
        var auditorRows = await host.Client(TestKeys.Auditor).GetFromJsonAsync<JsonNode>($"/api/clinics/{other.ClinicId}/rejected?from={Yesterday}&to={Today}", Ct);
        using var onCall = await host.Client(TestKeys.OnCall).GetAsync($"/api/clinics/{own.ClinicId}/rejected?from={Yesterday}&to={Today}", Ct);

        ownRows!["items"]!.AsArray().Select(r => r!["rule"]!.GetValue<string>()).ShouldBe(["exclusive-minimum"]);
        otherClinic.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var refusal = await otherClinic.Content.ReadAsStringAsync(Ct);
        TestContext.Current.TestOutputHelper?.WriteLine(refusal);
        refusal.ShouldContain(own.ClinicId);
        auditorRows!["items"]!.AsArray().Select(r => r!["rule"]!.GetValue<string>()).ShouldBe(["clinic-not-allowed"]);
        onCall.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task RejectionsThatNameNoClinicAreListedForAdminsOnly()
    {
        await using var host = await TestHost.StartAsync();
        var marker = "unattributed-" + Guid.NewGuid().ToString("N");
        using (var sent = await host.Client(TestKeys.Producer).PostAsync("/api/events", Json("{\"not json\": " + marker), Ct))
        {
            sent.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }

        var rows = new List<JsonNode>();
        string? token = null;
        do
        {
            var page = await host.Client(TestKeys.Admin).GetFromJsonAsync<JsonNode>(
                $"/api/rejected/unattributed?from={Yesterday}&to={Today}&pageSize=1000" + (token is null ? string.Empty : "&continuationToken=" + Uri.EscapeDataString(token)), Ct);
            rows.AddRange(page!["items"]!.AsArray().Where(r => r!["rawText"]!.GetValue<string>().Contains(marker, StringComparison.Ordinal))!);
            token = page["continuationToken"]?.GetValue<string>();
        }
        while (token is not null);

        TestContext.Current.TestOutputHelper?.WriteLine(rows.ShouldHaveSingleItem().ToJsonString());
        rows.ShouldHaveSingleItem()["rule"]!.GetValue<string>().ShouldBe("not-json");
        foreach (var key in new[] { TestKeys.Auditor, TestKeys.Producer, TestKeys.OnCall })
        {
            using var refused = await host.Client(key).GetAsync($"/api/rejected/unattributed?from={Yesterday}&to={Today}", Ct);
            refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task AnEventIdReusedInAnotherSessionIsAnotherEventAndReusedInTheSameSessionIsRefused()
    {
        await using var host = await TestHost.StartAsync();
        var first = new SessionScript(clinicId: "rej-a-" + Guid.NewGuid().ToString("N")[..8]);
        var second = new SessionScript(clinicId: "rej-b-" + Guid.NewGuid().ToString("N")[..8]);
        var eventId = "shared-" + Guid.NewGuid().ToString("N")[..12];
        var inFirst = first.Started();
        inFirst["eventId"] = eventId;
        var inSecond = second.Started();
        inSecond["eventId"] = eventId;
        var otherInFirst = first.Vitals(TimeSpan.FromMinutes(1));
        otherInFirst["eventId"] = eventId;

        var results = new List<JsonNode>();
        foreach (var e in new[] { inFirst, inSecond, otherInFirst })
        {
            using var sent = await host.Client(TestKeys.Producer).PostAsync("/api/events", Json(e.ToJsonString()), Ct);
            results.Add(JsonNode.Parse(await sent.Content.ReadAsStringAsync(Ct))!["results"]![0]!);
        }

        results.Select(r => r["status"]!.GetValue<string>()).ShouldBe(["accepted", "accepted", "rejected"]);
        results[2]["rejection"]!["rule"]!.GetValue<string>().ShouldBe("event-id-reused");
        results[2]["rejection"]!["field"]!.GetValue<string>().ShouldBe("eventId");
        var sessions = host.Get<SessionRepository>();
        var storedFirst = await Eventually.Until(() => sessions.LoadAsync(first.ClinicId, first.SessionId, Ct), s => s.Events.Count == 1);
        var storedSecond = await Eventually.Until(() => sessions.LoadAsync(second.ClinicId, second.SessionId, Ct), s => s.Events.Count == 1);
        storedFirst.Events.ShouldHaveSingleItem().EventId.ShouldBe(eventId);
        storedFirst.Events.Single().Type.ShouldBe("SessionStarted");
        storedSecond.Events.ShouldHaveSingleItem().EventId.ShouldBe(eventId);
    }

    [Fact]
    public async Task TheAccessLogTellsAWrongKeyFromNoKey()
    {
        await using var host = await TestHost.StartAsync();
        var clinic = "rej-log-" + Guid.NewGuid().ToString("N")[..8];
        var path = $"/api/clinics/{clinic}/rejected?from={Yesterday}&to={Today}";

        using var wrong = await host.Client("not-a-key-anyone-holds").GetAsync(path, Ct);
        using var none = await host.Client(null).GetAsync(path, Ct);

        wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        none.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        // The whole day's log, page by page: the suite's other tests share this Azurite and log thousands of reads today.
        var items = new JsonArray();
        string? token = null;
        do
        {
            var page = await host.Client(TestKeys.Admin).GetFromJsonAsync<JsonNode>(
                $"/api/access-log?date={Today}&pageSize=1000" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token)), Ct);
            foreach (var item in page!["items"]!.AsArray())
            {
                items.Add(item!.DeepClone());
            }

            token = page["continuationToken"]?.GetValue<string>();
        }
        while (token is not null);

        var log = new JsonObject { ["items"] = items };
        var callers = log["items"]!.AsArray()
            .Where(r => r!["route"]!.GetValue<string>() == "/api/clinics/{clinicId}/rejected" && r["parameters"]!.ToJsonString().Contains(clinic, StringComparison.Ordinal))
            .Select(r => r!["caller"]!.GetValue<string>())
            .Order()
            .ToList();
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join('\n', log["items"]!.AsArray().Where(r => r!["parameters"]!.ToJsonString().Contains(clinic, StringComparison.Ordinal)).Select(r => r!.ToJsonString())));
        callers.ShouldBe(["anonymous", "unknown-key"]);
        log.ToJsonString().ShouldNotContain("not-a-key-anyone-holds");
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
