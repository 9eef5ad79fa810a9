using System.Net;
using System.Text.Json.Nodes;
using InfusionAudit.Application.Audit;
using InfusionAudit.Http.Audit;
using InfusionAudit.Application.Ports.Alerts;
using InfusionAudit.Infrastructure.Storage.Alerts;
using InfusionAudit.Application.Ports.Audit;
using InfusionAudit.Infrastructure.Storage.Audit;
using InfusionAudit.Application.Ports.Indexes;
using InfusionAudit.Infrastructure.Storage.Indexes;
using InfusionAudit.Testing;

namespace InfusionAudit.Application.Tests.Audit;

public sealed class ComplianceReportTests(AuditFixture fixture) : IClassFixture<AuditFixture>
{
    private static readonly DateTimeOffset July1 = new(2025, 7, 1, 8, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheReportCountsOutcomesFindingsAdverseEffectsAndDosesOfTheClinicsRange()
    {
        var clinic = AuditFixture.NewClinic();
        await fixture.IngestAsync(AuditSession.Standard(clinic, July1));
        await fixture.IngestAsync(AuditSession.Standard(clinic, July1.AddHours(2), s =>
        [
            AuditSession.AdverseEffect(s, TimeSpan.FromMinutes(10), "nausea", "mild"),
            AuditSession.AdverseEffect(s, TimeSpan.FromMinutes(12), "dizziness", "moderate"),
        ]));
        await fixture.IngestAsync(AuditSession.Overdose(clinic, July1.AddDays(1)));
        await fixture.IngestAsync(AuditSession.StoppedForAdverseEffect(clinic, July1.AddDays(2)));
        await fixture.IngestAsync(AuditSession.Running(clinic, July1.AddDays(3)));
        await fixture.IngestAsync(AuditSession.Standard(clinic, July1.AddDays(10)));
        await fixture.IngestAsync(AuditSession.Overdose(AuditFixture.NewClinic(), July1));

        using var response = await fixture.Host.Client(TestKeys.Auditor).GetAsync($"/api/clinics/{clinic}/compliance-report?from=2025-07-01&to=2025-07-04", Ct);

        var text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        var report = JsonNode.Parse(text)!;
        var sessions = report["sessions"]!;
        sessions["total"]!.GetValue<int>().ShouldBe(5);
        sessions["ended"]!.GetValue<int>().ShouldBe(4);
        sessions["byStatus"]!["running"]!.GetValue<int>().ShouldBe(1);
        sessions["endReasons"]!["completed"]!.GetValue<int>().ShouldBe(3);
        sessions["endReasons"]!["stoppedForAdverseEffect"]!.GetValue<int>().ShouldBe(1);
        sessions["completedWithinProtocol"]!.GetValue<int>().ShouldBe(2);
        sessions["completedWithinProtocolPercent"]!.GetValue<double>().ShouldBe(50.0);

        var dose = report["deliveredDose"]!.AsArray().Single()!;
        dose["protocolId"]!.GetValue<string>().ShouldBe("ketamine-iv-depression");
        dose["sessions"]!.GetValue<int>().ShouldBe(4);
        dose["medianMgPerKg"]!.GetValue<double>().ShouldBe(0.5);
        dose["minMgPerKg"]!.GetValue<double>().ShouldBe(0.25);
        dose["maxMgPerKg"]!.GetValue<double>().ShouldBe(1.14, "mg/kg is shown to 0.01 (issue 14 item 4)");

        var effects = report["adverseEffects"]!.AsArray().Select(e => $"{e!["effect"]}|{e["severity"]}={e["count"]}").ToList();
        effects.ShouldBe(["dizziness|moderate=1", "hallucinations|severe=1", "nausea|mild=1"]);

        var perRule = report["findingsPerRule"]!.AsArray().ToDictionary(r => r!["ruleId"]!.GetValue<string>(), r => r!["findings"]!.GetValue<int>());
        perRule["AE-REPORTED"].ShouldBe(2);
        perRule["AE-SEVERE"].ShouldBe(1);
        perRule["SESSION-STOPPED-AE"].ShouldBe(1);
        perRule["DOSE-OVER-DELIVERY"].ShouldBe(1);

        var listed = JsonNode.Parse(await fixture.Host.Client(TestKeys.Auditor).GetStringAsync($"/api/clinics/{clinic}/findings?from=2025-07-01&to=2025-07-04&pageSize=1000", Ct))!;
        perRule.Values.Sum().ShouldBe(listed["count"]!.GetValue<int>(), "the report's counts agree with the findings list of the same days");
    }

    [Fact]
    public async Task ASessionNeverDischargedIsAColumnOfTheSessionListAndACountOfTheReportNotAnAlert()
    {
        var clinic = AuditFixture.NewClinic();
        var discharged = AuditSession.Standard(clinic, July1, s =>
            [s.Event("PatientDischarged", TimeSpan.FromMinutes(80), new JsonObject { ["readyToLeaveAt"] = "2025-07-01T09:15:00Z" })]);
        var never = AuditSession.Standard(clinic, July1.AddHours(3));
        await fixture.IngestAsync(discharged);
        await fixture.IngestAsync(never);
        var auditor = fixture.Host.Client(TestKeys.Auditor);

        var list = JsonNode.Parse(await auditor.GetStringAsync($"/api/clinics/{clinic}/sessions?from=2025-07-01&to=2025-07-01", Ct))!["items"]!.AsArray();
        var csv = await auditor.GetStringAsync($"/api/clinics/{clinic}/sessions?from=2025-07-01&to=2025-07-01&format=csv", Ct);
        var report = JsonNode.Parse(await auditor.GetStringAsync($"/api/clinics/{clinic}/compliance-report?from=2025-07-01&to=2025-07-01", Ct))!;

        var byId = list.ToDictionary(i => i!["sessionId"]!.GetValue<string>(), i => i!["dischargedAt"]);
        At(byId[discharged.SessionId]).ShouldBe(July1.AddMinutes(80));
        byId[never.SessionId].ShouldBeNull();
        csv.Split("\r\n")[0].ShouldEndWith(",dischargedAt");
        report["sessions"]!["endedNotDischarged"]!.GetValue<int>().ShouldBe(1);
        var alerts = JsonNode.Parse(await fixture.Host.Client(TestKeys.OnCall).GetStringAsync($"/api/alerts?clinicId={clinic}", Ct))!["items"]!.AsArray();
        alerts.ShouldBeEmpty();
    }

    [Fact]
    public async Task AMonthOfSessionsIsOneRequestPerThousandSessions()
    {
        var clinic = AuditFixture.NewClinic();
        for (var i = 0; i < 3; i++)
        {
            await fixture.IngestAsync(AuditSession.Standard(clinic, July1.AddDays(i * 10)));
        }

        var account = fixture.CountedAccount;
        var handler = new ComplianceReportHandler(
            new ClinicSessionIndex(account),
            new ComplianceAlertReader(new AlertIndex(account)),
            TimeProvider.System);
        var before = fixture.Counter.Requests;

        var (report, requests) = await handler.BuildAsync(clinic, new DateRange(new DateOnly(2025, 7, 1), new DateOnly(2025, 7, 31)), Ct);

        report.Sessions.Total.ShouldBe(3);
        requests.ShouldBe(2, "one for the sessions, one for the month's partition of the alert listing by date, none for alert partitions");
        (fixture.Counter.Requests - before).ShouldBe(2);
    }

    [Fact]
    public async Task AlertsOfTheRangesSessionsAreCountedWithTheirTimeToAcknowledge()
    {
        var clinic = AuditFixture.NewClinic();
        var now = DateTimeOffset.UtcNow;
        var start = DateTimeOffset.FromUnixTimeSeconds(now.AddMinutes(-50).ToUnixTimeSeconds());
        var session = AuditSession.Overdose(clinic, start) with { ReceivedAt = now };
        await fixture.IngestAsync(session);
        var onCall = fixture.Host.Client(TestKeys.OnCall);
        var alerts = JsonNode.Parse(await onCall.GetStringAsync($"/api/alerts?clinicId={clinic}", Ct))!["items"]!.AsArray();
        // The overdose's one critical finding (80 mg against 35 mg prescribed) raises one alert.
        alerts.Select(a => a!["alert"]!["ruleId"]!.GetValue<string>()).ShouldBe(["DOSE-OVER-DELIVERY"]);
        var first = alerts[0]!["alert"]!["alertId"]!.GetValue<string>();
        using var acknowledge = await onCall.PostAsync($"/api/alerts/{Uri.EscapeDataString(first)}/acknowledge", null, Ct);
        var acknowledged = JsonNode.Parse(await acknowledge.EnsureSuccessStatusCode().Content.ReadAsStringAsync(Ct))!["alert"]!;
        var secondsToAcknowledge = (At(acknowledged["acknowledgedAt"]) - At(acknowledged["raisedAt"])).TotalSeconds;
        var today = start.ToString("yyyy-MM-dd");

        var report = JsonNode.Parse(await fixture.Host.Client(TestKeys.Auditor).GetStringAsync($"/api/clinics/{clinic}/compliance-report?from={today}&to={today}", Ct))!;
        var timeline = JsonNode.Parse(await fixture.Host.Client(TestKeys.Auditor).GetStringAsync($"/api/sessions/{session.SessionId}/timeline", Ct))!;

        var summary = report["alerts"]!;
        summary["raised"]!.GetValue<int>().ShouldBe(1);
        summary["acknowledged"]!.GetValue<int>().ShouldBe(1);
        summary["open"]!.GetValue<int>().ShouldBe(0);
        summary["acknowledgedByAPerson"]!.GetValue<int>().ShouldBe(1);
        summary["medianSecondsToAcknowledge"]!.GetValue<double>().ShouldBe(Math.Round(secondsToAcknowledge, 1));
        summary["maxSecondsToAcknowledge"]!.GetValue<double>().ShouldBe(Math.Round(secondsToAcknowledge, 1));
        report["gaps"]!.AsArray().ShouldBeEmpty();
        timeline["alerts"]!.AsArray().Count.ShouldBe(1);
        timeline["timeline"]!.AsArray().ShouldContain(i => i!["kind"]!.GetValue<string>() == "alert" && i["ref"]!.GetValue<string>() == first);
        timeline["timeline"]!.AsArray().ShouldContain(i => i!["kind"]!.GetValue<string>() == "event" && i["what"]!.GetValue<string>() == "SessionStarted");
        timeline.ToJsonString().ShouldNotContain("hmac-sha256");
    }

    private static DateTimeOffset At(JsonNode? value) => DateTimeOffset.Parse(value!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void TheMedianOfAnEvenCountIsTheMeanOfTheMiddlePair()
    {
        ComplianceReportHandler.Median([0.4, 0.1, 0.3, 0.2]).ShouldBe(0.25);
        ComplianceReportHandler.Median([0.5]).ShouldBe(0.5);
        ComplianceReportHandler.Median([]).ShouldBeNull();
    }
}
