using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using InfusionAudit.Application.Sessions;
using InfusionAudit.Application.Ports.Rejections;
using InfusionAudit.Infrastructure.Storage.Rejections;
using InfusionAudit.Testing;

namespace InfusionAudit.Application.Tests.Ingestion;

/// <summary>
/// Input a producer should never send, through the real <c>POST /api/events</c>: every event gets a result (accepted,
/// duplicate, or rejected with a reason that is stored), never a 500, and the good events of the same message are kept.
/// </summary>
public sealed class HostileIngestTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TestHost Host => fixture.Host;

    [Fact]
    public async Task AbsurdNumbersGetAResultPerEventAndDoNotCostTheOtherSessionOfTheMessage()
    {
        var absurd = new SessionScript(clinicId: Clinic());
        var good = new SessionScript(clinicId: absurd.ClinicId);
        var body = SessionScript.Batch(
        [
            absurd.Started(weightKg: 1e-300, durationMin: 1e-300, concentration: 1e-300),
            absurd.Rate(TimeSpan.FromSeconds(30), 1e6),
            absurd.Event("DoseAdministered", TimeSpan.FromMinutes(1), new JsonObject { ["doseMg"] = 1e9 }),
            absurd.Event("InfusionRateChanged", TimeSpan.FromMinutes(2), new JsonObject { ["rateMgPerKgPerHour"] = 1e6 }),
            absurd.PumpTotal(TimeSpan.FromMinutes(3), 1e9),
            absurd.Vitals(TimeSpan.FromMinutes(4), systolic: 1e300, diastolic: 1e-300, heartRate: 1.7e308, spo2: 1e300),
            absurd.Ended(TimeSpan.FromMinutes(5)),
            good.Started(),
            good.Rate(TimeSpan.FromSeconds(30), 52.5),
        ]);

        var (status, answer) = await Post(body);

        status.ShouldBe(HttpStatusCode.Accepted, answer);
        var results = JsonNode.Parse(answer)!["results"]!.AsArray();
        results.Count.ShouldBe(9);
        results.ShouldAllBe(r => r!["status"]!.GetValue<string>() != "rejected" || r["rejection"]!["rule"] != null);
        results[0]!["rejection"]!["field"]!.GetValue<string>().ShouldBe("payload.weightKg");
        results[7]!["status"]!.GetValue<string>().ShouldBe("accepted");
        results[8]!["status"]!.GetValue<string>().ShouldBe("accepted");
        (await Host.Get<SessionQueryHandler>().GetAsync(good.SessionId, Ct))!.Events.Count.ShouldBe(2);

        // The absurd session is readable back, findings and all.
        using var read = await Host.Client(TestKeys.Auditor).GetAsync($"/api/sessions/{absurd.SessionId}", Ct);
        read.StatusCode.ShouldBe(HttpStatusCode.OK, await read.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task ASessionAtTheSmallestDivisorsAndLargestAmountsIsJudgedWithFiniteFigures()
    {
        var script = new SessionScript(clinicId: Clinic());
        var body = SessionScript.Batch(
        [
            script.Started(weightKg: 0.001, doseMgPerKg: 0.000001, durationMin: 1e-12, concentration: 0.000001),
            script.Rate(TimeSpan.FromSeconds(30), 1e6),
            .. Enumerable.Range(1, 20).Select(i => script.Event("DoseAdministered", TimeSpan.FromMinutes(i), new JsonObject { ["doseMg"] = 1e9 })),
            script.Event("InfusionRateChanged", TimeSpan.FromMinutes(30), new JsonObject { ["rateMgPerKgPerHour"] = 1e6 }),
            script.PumpTotal(TimeSpan.FromMinutes(31), 1e9),
            script.Ended(TimeSpan.FromMinutes(600)),
        ]);

        var (status, answer) = await Post(body);

        status.ShouldBe(HttpStatusCode.Accepted, answer);
        JsonNode.Parse(answer)!["accepted"]!.GetValue<int>().ShouldBe(25, answer);
        using var read = await Host.Client(TestKeys.Auditor).GetAsync($"/api/sessions/{script.SessionId}", Ct);
        var session = await read.Content.ReadAsStringAsync(Ct);
        read.StatusCode.ShouldBe(HttpStatusCode.OK, session);
        session.ShouldNotContain("Infinity");
        session.ShouldNotContain("NaN");
    }

    [Fact]
    public async Task AnEventTooLargeForItsTableRowIsRejectedWithAReasonAndTheOthersKept()
    {
        var script = new SessionScript(clinicId: Clinic());
        var huge = script.Vitals(TimeSpan.FromMinutes(1));
        huge["payload"]!["deviceLog"] = new string('x', 1_000_000);
        var body = SessionScript.Batch([script.Started(), huge, script.Vitals(TimeSpan.FromMinutes(2))]);

        var (status, answer) = await Post(body);

        status.ShouldBe(HttpStatusCode.Accepted, answer.Length > 2000 ? answer[..2000] : answer);
        var results = JsonNode.Parse(answer)!["results"]!.AsArray();
        results.Select(r => r!["status"]!.GetValue<string>()).ShouldBe(["accepted", "rejected", "accepted"]);
        results[1]!["rejection"]!["rule"]!.GetValue<string>().ShouldBe("event-size");
        var row = (await Rejections(script.ClinicId)).ShouldHaveSingleItem();
        row.Rule.ShouldBe("event-size");
        row.Truncated.ShouldBeTrue();
    }

    [Fact]
    public async Task ARejectionWhoseReasonWouldNotFitItsRowIsStoredWithItsReasonCut()
    {
        var script = new SessionScript(clinicId: Clinic());
        var name = new string('k', 30_000);
        var text = script.Vitals(TimeSpan.FromMinutes(1)).ToJsonString();
        var body = "[" + text[..^1] + $",\"{name}\":1,\"{name}\":2}}" + "," + script.Vitals(TimeSpan.FromMinutes(2)).ToJsonString() + "]";

        var (status, answer) = await Post(body);

        status.ShouldBe(HttpStatusCode.Accepted, answer.Length > 2000 ? answer[..2000] : answer);
        var results = JsonNode.Parse(answer)!["results"]!.AsArray();
        results.Select(r => r!["status"]!.GetValue<string>()).ShouldBe(["rejected", "accepted"]);
        answer.Length.ShouldBeLessThan(8 * 1024);
        var row = (await Rejections(script.ClinicId)).ShouldHaveSingleItem();
        row.Rule.ShouldBe("duplicate-property");
        // A table string property holds 32 K UTF-16 characters; the reason is for people, so far less is kept.
        row.Field.Length.ShouldBeLessThanOrEqualTo(1024);
        row.Message.Length.ShouldBeLessThanOrEqualTo(2048);
    }

    private static string Clinic() => "hostile-" + Guid.NewGuid().ToString("N")[..8];

    private async Task<(HttpStatusCode Status, string Body)> Post(string body)
    {
        using var response = await Host.Client(TestKeys.Producer).PostAsync("/api/events", new StringContent(body, Encoding.UTF8, "application/json"), Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    // Filed under the clinical date of their events (or the day received): just after midnight UTC, yesterday's too.
    private async Task<IReadOnlyList<RejectedEventRow>> Rejections(string clinicId)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var repository = Host.Get<RejectedEventRepository>();
        return [.. await repository.ListAsync(clinicId, today.AddDays(-1), Ct), .. await repository.ListAsync(clinicId, today, Ct)];
    }
}
