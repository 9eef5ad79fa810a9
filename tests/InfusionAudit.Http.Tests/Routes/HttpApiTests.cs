using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using InfusionAudit.Testing;

namespace InfusionAudit.Http.Tests.Routes;

public sealed class HttpApiTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TestHost Host => fixture.Host;

    [Fact]
    public async Task PostingABatchAnswers202WithAResultForEveryEventInOrder()
    {
        var script = new SessionScript();
        var bad = script.Vitals(TimeSpan.FromMinutes(1));
        bad.Remove("eventId");
        var body = SessionScript.Batch([script.Started(), bad, script.Rate(TimeSpan.FromMinutes(1), 52.5)]);

        using var response = await Host.Client(TestKeys.Producer).PostAsync("/api/events", Json(body), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        answer["accepted"]!.GetValue<int>().ShouldBe(2);
        answer["rejected"]!.GetValue<int>().ShouldBe(1);
        var results = answer["results"]!.AsArray();
        results.Select(r => r!["status"]!.GetValue<string>()).ShouldBe(["accepted", "rejected", "accepted"]);
        results[1]!["rejection"]!["field"]!.GetValue<string>().ShouldBe("eventId");
        results[1]!["rejection"]!["rule"]!.GetValue<string>().ShouldBe("required");
    }

    [Fact]
    public async Task PostingTheSameEventTwiceAnswersDuplicateTheSecondTime()
    {
        var script = new SessionScript();
        var body = script.Started().ToJsonString();
        var client = Host.Client(TestKeys.Producer);
        (await client.PostAsync("/api/events", Json(body), Ct)).Dispose();

        using var response = await client.PostAsync("/api/events", Json(body), Ct);

        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        answer["results"]![0]!["status"]!.GetValue<string>().ShouldBe("duplicate", answer.ToJsonString());
    }

    [Fact]
    public async Task ABodyThatIsNotJsonAnswers400AsAProblem()
    {
        using var response = await Host.Client(TestKeys.Producer).PostAsync("/api/events", Json("{\"eventId\": oops"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task MoreThanOneHundredEventsAnswer413()
    {
        var script = new SessionScript();
        var body = SessionScript.Batch(Enumerable.Range(0, 101).Select(i => script.Vitals(TimeSpan.FromSeconds(i))));

        using var response = await Host.Client(TestKeys.Producer).PostAsync("/api/events", Json(body), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task ABodyAboveTheSizeLimitAnswers413()
    {
        var body = "[" + new string(' ', 1024 * 1024 + 10) + "]";

        using var response = await Host.Client(TestKeys.Producer).PostAsync("/api/events", Json(body), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task WithoutAKeyTheApiAnswers401AndWithTheWrongRole403()
    {
        var body = new SessionScript().Started().ToJsonString();

        using var anonymous = await Host.Client(null).PostAsync("/api/events", Json(body), Ct);
        using var wrongKey = await Host.Client("not-a-key").PostAsync("/api/events", Json(body), Ct);
        using var auditorPosting = await Host.Client(TestKeys.Auditor).PostAsync("/api/events", Json(body), Ct);
        using var producerReading = await Host.Client(TestKeys.Producer).GetAsync("/api/sessions/S-1", Ct);

        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        wrongKey.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        auditorPosting.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        producerReading.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ASessionReadsBackWithItsEventsInSequenceOrder()
    {
        var script = new SessionScript();
        var events = script.StandardIvSession();
        (await Host.Client(TestKeys.Producer).PostAsync("/api/events", Json(SessionScript.Batch(events.Reverse())), Ct)).Dispose();

        using var response = await Host.Client(TestKeys.Auditor).GetAsync($"/api/sessions/{script.SessionId}", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var session = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        session["events"]!.AsArray().Select(e => e!["sequence"]!.GetValue<long>()).ShouldBe(Enumerable.Range(0, events.Count).Select(i => (long)i));
        session["state"]!["sessionId"]!.GetValue<string>().ShouldBe(script.SessionId);
        session.ToJsonString().ShouldNotContain(script.PatientRef);
    }

    [Fact]
    public async Task AnUnknownSessionAnswers404AndAMalformedId400()
    {
        using var unknown = await Host.Client(TestKeys.Auditor).GetAsync("/api/sessions/never-seen-" + Guid.NewGuid().ToString("N"), Ct);
        using var malformed = await Host.Client(TestKeys.Auditor).GetAsync("/api/sessions/bad%20id'%20or%20'1'eq'1", Ct);

        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        malformed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task HealthAnswersWithoutAKeyAndNamesTheLoadedProtocols()
    {
        using var response = await Host.Client(null).GetAsync("/health", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("ketamine-iv-depression");
    }

    [Fact]
    public async Task CountersAreReadableByAnAuditorAndCountStorageRequests()
    {
        var counters = await Host.Client(TestKeys.Auditor).GetFromJsonAsync<JsonElement>("/api/diagnostics/counters", Ct);

        counters.GetProperty("storageRequests").GetInt64().ShouldBeGreaterThan(0);
        var cache = counters.GetProperty("sessionCache");
        cache.GetProperty("limitBytes").GetInt64().ShouldBe(32L * 1024 * 1024);
        foreach (var name in new[] { "hits", "reads", "sessions", "bytes", "declined" })
        {
            cache.GetProperty(name).GetInt64().ShouldBeGreaterThanOrEqualTo(0);
        }
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
