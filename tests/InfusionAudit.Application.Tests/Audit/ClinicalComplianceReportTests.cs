using System.Net;
using System.Text.Json.Nodes;
using InfusionAudit.Testing;

namespace InfusionAudit.Application.Tests.Audit;

/// <summary>
/// The compliance report's clinical section (issue 13 item 8) through real HTTP on Azurite: course and weight findings,
/// discharge completeness, REMS form completeness, in all and per month, with exact counts.
/// </summary>
public sealed class ClinicalComplianceReportTests(AuditFixture fixture) : IClassFixture<AuditFixture>
{
    private static readonly DateTimeOffset July7 = new(2025, 7, 7, 8, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The standard IV session (52.5 mL/h for 40 min) of <paramref name="patient"/> with its own weight and prescription.</summary>
    private static AuditSession Iv(string clinic, string patient, DateTimeOffset start, double weightKg = 70, double mgPerKg = 0.5, bool discharged = false)
    {
        var script = new SessionScript(clinicId: clinic) { Start = start, PatientRef = patient };
        List<JsonObject> events =
        [
            script.Vitals(TimeSpan.FromMinutes(-5)),
            script.Started(weightKg, mgPerKg),
            script.Rate(TimeSpan.FromSeconds(30), 52.5),
            script.Vitals(TimeSpan.FromMinutes(10)),
            script.Vitals(TimeSpan.FromMinutes(20)),
            script.Vitals(TimeSpan.FromMinutes(30)),
            script.Rate(TimeSpan.FromSeconds(30) + TimeSpan.FromMinutes(40), 0),
            script.Ended(TimeSpan.FromMinutes(45)),
        ];
        if (discharged)
        {
            events.Add(script.Event("PatientDischarged", TimeSpan.FromMinutes(80), new JsonObject()));
        }

        return new AuditSession(script, events, start.AddMinutes(90));
    }

    [Fact]
    public async Task TheReportCountsCourseWeightDischargeAndRemsFiguresPerClinicAndMonth()
    {
        var clinic = AuditFixture.NewClinic();
        var a = "MRN-A-" + Guid.NewGuid().ToString("N")[..8];
        var b = "MRN-B-" + Guid.NewGuid().ToString("N")[..8];

        // Patient A: four IV sessions 25 h apart, one more in 7 days than the IV protocol's 3: one COURSE-FREQUENCY (July).
        for (var i = 0; i < 4; i++)
        {
            await fixture.IngestAsync(Iv(clinic, a, July7.AddHours(25 * i)));
        }

        // Patient B: discharged in July; in August 0.8 mg/kg (0.3 above 0.5: DOSE-ESCALATION) at 154 kg (2.2 × 70: WEIGHT-UNITS-SUSPECT).
        await fixture.IngestAsync(Iv(clinic, b, July7.AddDays(13), discharged: true));
        await fixture.IngestAsync(Iv(clinic, b, July7.AddDays(27), weightKg: 154, mgPerKg: 0.8));

        // August: an esketamine session whose form is complete, and one without lot numbers that was never discharged.
        await fixture.IngestAsync(RemsFormSession.Complete(clinic, July7.AddDays(28)));
        await fixture.IngestAsync(RemsFormSession.Complete(clinic, July7.AddDays(29), lot: null, discharge: false));

        // Another clinic's session is not counted.
        await fixture.IngestAsync(RemsFormSession.Complete(AuditFixture.NewClinic(), July7.AddDays(28), lot: null));

        using var response = await fixture.Host.Client(TestKeys.Auditor).GetAsync($"/api/clinics/{clinic}/compliance-report?from=2025-07-01&to=2025-08-31", Ct);

        var text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        var clinical = JsonNode.Parse(text)!["clinical"]!;
        Counts(clinical["courseFindings"]).ShouldBe(["COURSE-FREQUENCY=1/1", "DOSE-ESCALATION=1/1"], text);
        Counts(clinical["weightFindings"]).ShouldBe(["WEIGHT-UNITS-SUSPECT=1/1"], text);

        var discharge = clinical["discharge"]!;
        (discharge["ended"]!.GetValue<int>(), discharge["discharged"]!.GetValue<int>(), discharge["endedNotDischarged"]!.GetValue<int>(), discharge["dischargedPercent"]!.GetValue<double>())
            .ShouldBe((8, 2, 6, 25.0));

        var rems = clinical["rems"]!;
        (rems["forms"]!.GetValue<int>(), rems["complete"]!.GetValue<int>(), rems["incomplete"]!.GetValue<int>()).ShouldBe((2, 1, 1));
        rems["missingByField"]!.AsObject().Select(f => $"{f.Key}={f.Value}").ShouldBe(
        [
            "bloodPressureBeforeDischarge=1", "devices[].lotNumber=1", "monitoringEndedAt=1", "readyToLeaveAt=1", "totalMonitoringMin=1",
        ]);

        clinical["perMonth"]!.AsArray().Select(m => m!.ToJsonString()).ShouldBe(
        [
            """{"month":"2025-07","sessions":5,"ended":5,"endedNotDischarged":4,"courseFindings":1,"weightFindings":0,"remsForms":0,"remsIncomplete":0}""",
            """{"month":"2025-08","sessions":3,"ended":3,"endedNotDischarged":2,"courseFindings":1,"weightFindings":1,"remsForms":2,"remsIncomplete":1}""",
        ]);
    }

    private static List<string> Counts(JsonNode? list) =>
        [.. list!.AsArray().Select(r => $"{r!["ruleId"]}={r["findings"]}/{r["sessions"]}")];
}
