using System.Net;
using System.Text.Json.Nodes;
using InfusionAudit.Application.Ports.Sessions;
using InfusionAudit.Infrastructure.Storage.Sessions;
using InfusionAudit.Testing;

namespace InfusionAudit.Application.Tests.Audit;

/// <summary>
/// Issue 13 item 3: <c>GET /api/patients/{patientHash}/course</c> over real HTTP on Azurite. Three IV sessions of one
/// patient in 4 days at 0.75 mg/kg each: the course lists them oldest first with their doses and days, and the latest
/// carries <c>COURSE-CUMULATIVE</c> (2.25 mg/kg in 7 days, above 2.0).
/// </summary>
public sealed class PatientCourseTests(AuditFixture fixture) : IClassFixture<AuditFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ThePatientsSessionsAreListedWithDosesDaysAndTheCourseFinding()
    {
        var patientRef = "MRN-" + Guid.NewGuid().ToString("N")[..10];
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var sessions = new[] { 4.0, 2.0, 0.1 }
            .Select(daysAgo => new SessionScript("S-course-" + Guid.NewGuid().ToString("N")[..8]) { Start = now.AddDays(-daysAgo), PatientRef = patientRef })
            .ToList();
        foreach (var s in sessions)
        {
            var result = await fixture.IngestAsync([.. s.StandardIvSession(0.75)], s.Start + TimeSpan.FromMinutes(50));
            result.Rejected.ShouldBe(0);
        }

        var hash = await PatientHashAsync(sessions[0]);
        using var client = fixture.Host.Client(TestKeys.Auditor);
        using var response = await client.GetAsync($"/api/patients/{Uri.EscapeDataString(hash)}/course", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        body.ShouldNotContain(patientRef);
        var course = JsonNode.Parse(body)!;

        course["patientHash"]!.GetValue<string>().ShouldBe(hash);
        course["truncated"]!.GetValue<bool>().ShouldBeFalse();
        var listed = course["sessions"]!.AsArray();
        listed.Select(s => s!["sessionId"]!.GetValue<string>()).ShouldBe(sessions.Select(s => s.SessionId));
        listed.Select(s => s!["dayOfCourse"]!.GetValue<double>()).ShouldBe([0, 2, 3.9]);
        listed.ShouldAllBe(s => s!["prescribedMgPerKg"]!.GetValue<double>() == 0.75);
        listed.ShouldAllBe(s => s!["deliveredMgPerKg"]!.GetValue<double>() == 0.75);
        listed.ShouldAllBe(s => s!["deliveredMg"]!.GetValue<double>() == 52.5);
        listed.ShouldAllBe(s => s!["endedAt"] != null);
        listed.ShouldAllBe(s => s!["phase"] == null); // the IV protocol has no induction
        Rules(listed[0]!).ShouldNotContain("COURSE-CUMULATIVE");
        Rules(listed[1]!).ShouldNotContain("COURSE-CUMULATIVE");
        Rules(listed[2]!).ShouldContain("COURSE-CUMULATIVE");

        var summary = course["courses"]!.AsArray().Single()!;
        summary["protocolId"]!.GetValue<string>().ShouldBe("ketamine-iv-depression");
        summary["sessions"]!.GetValue<int>().ShouldBe(3);
        summary["courseFindings"]!.GetValue<int>().ShouldBe(listed.Sum(s => Rules(s!).Count(r => r.StartsWith("COURSE-", StringComparison.Ordinal) || r is "DOSE-ESCALATION" || r.StartsWith("WEIGHT-", StringComparison.Ordinal))));
    }

    [Fact]
    public async Task AClearReferenceIsRefusedWithoutEchoAndAnUnknownHashIsNotFound()
    {
        using var client = fixture.Host.Client(TestKeys.Auditor);

        using var clear = await client.GetAsync("/api/patients/MRN-4471123/course", Ct);
        clear.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await clear.Content.ReadAsStringAsync(Ct);
        problem.ShouldContain("patientHash");
        problem.ShouldNotContain("4471123");

        using var unknown = await client.GetAsync($"/api/patients/{Uri.EscapeDataString("hmac-sha256:v1:clinic:k1:" + TestKeys.PatientHash)}/course", Ct);
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Neither the clear reference nor the hash reaches the access log: the path is logged with the patient withheld.
        var log = await fixture.Host.Client(TestKeys.Admin).GetStringAsync($"/api/access-log?date={DateTimeOffset.UtcNow:yyyy-MM-dd}&pageSize=1000", Ct);
        log.ShouldNotContain("4471123");
        log.ShouldNotContain(TestKeys.PatientHash);

        using var producer = fixture.Host.Client(TestKeys.Producer);
        using var refused = await producer.GetAsync($"/api/patients/{Uri.EscapeDataString("hmac-sha256:v1:clinic:k1:" + TestKeys.PatientHash)}/course", Ct);
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private async Task<string> PatientHashAsync(SessionScript session)
    {
        var stored = await fixture.Host.Get<SessionRepository>().LoadAsync(session.SessionId, Ct);
        return JsonNode.Parse(stored.State!.StateJson)!["patientRefHash"]!.GetValue<string>();
    }

    private static List<string> Rules(JsonNode session) => [.. session["findings"]!.AsArray().Select(f => f!["ruleId"]!.GetValue<string>())];
}
