using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using InfusionAudit.Testing;

namespace InfusionAudit.Http.Tests.Audit;

/// <summary>
/// Issue 14 item 4, through real HTTP: numbers at clinical precision (mg 0.1, mg/kg 0.01, mL/h 0.1, % 0.1) with no float
/// noise, JSON without needless escapes, and times with their offset written the same way in JSON and CSV.
/// </summary>
public sealed partial class CleanAnswersTests(AuditFixture fixture) : IClassFixture<AuditFixture>
{
    private static readonly DateTimeOffset May12 = new(2025, 5, 12, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListsAndTheTimelineShowClinicalPrecisionWithoutFloatNoiseOrEscapes()
    {
        // 80 mg over 70 kg: 1.142857142857143 mg/kg at full precision.
        var clinic = AuditFixture.NewClinic();
        var session = await fixture.IngestAsync(AuditSession.Overdose(clinic, May12));
        var client = fixture.Host.Client(TestKeys.Auditor);

        var bodies = new[]
        {
            await Body(client, $"/api/clinics/{clinic}/sessions?from=2025-05-12&to=2025-05-12"),
            await Body(client, $"/api/clinics/{clinic}/findings?from=2025-05-12&to=2025-05-12"),
            await Body(client, $"/api/sessions/{session.SessionId}/timeline?clinicId={clinic}"),
            await Body(client, $"/api/sessions/{session.SessionId}?clinicId={clinic}"),
            await Body(client, $"/api/clinics/{clinic}/compliance-report?from=2025-05-12&to=2025-05-12"),
        };

        foreach (var body in bodies)
        {
            body.ShouldNotContain("\\u00", Case.Sensitive, "no needless escapes");
            Noise().Matches(body).Select(m => m.Value).ShouldBeEmpty("no float noise");
        }

        var listed = JsonNode.Parse(bodies[0])!["items"]![0]!;
        listed["deliveredMgPerKg"]!.GetValue<double>().ShouldBe(1.14);
        var finding = JsonNode.Parse(bodies[1])!["items"]!.AsArray().First(f => f!["evidenceValues"]!["deliveredMgPerKg"] is not null)!;
        finding["evidenceValues"]!["deliveredMgPerKg"]!.GetValue<double>().ShouldBe(1.14);
        finding["evidenceValues"]!["deliveredMg"]!.GetValue<double>().ShouldBe(80);
        JsonNode.Parse(bodies[4])!["deliveredDose"]![0]!["medianMgPerKg"]!.GetValue<double>().ShouldBe(1.14);
    }

    [Fact]
    public async Task TimesCarryTheirOffsetInOneFormatInJsonAndCsv()
    {
        var clinic = AuditFixture.NewClinic();
        await fixture.IngestAsync(AuditSession.Overdose(clinic, May12));
        var client = fixture.Host.Client(TestKeys.Auditor);
        var path = $"/api/clinics/{clinic}/sessions?from=2025-05-12&to=2025-05-12";

        var json = JsonNode.Parse(await Body(client, path))!["items"]![0]!;
        var csv = (await Body(client, path + "&format=csv")).Split("\r\n");
        var header = csv[0].Split(',');
        var row = csv[1].Split(',');

        var startedAt = json["startedAt"]!.GetValue<string>();
        startedAt.ShouldMatch(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$");
        row[Array.IndexOf(header, "startedAt")].ShouldBe(startedAt);
        row[Array.IndexOf(header, "endedAt")].ShouldBe(json["endedAt"]!.GetValue<string>());
        row[Array.IndexOf(header, "deliveredMgPerKg")].ShouldBe(json["deliveredMgPerKg"]!.GetValue<double>().ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task AFixedDoseSessionIsReportedInMgNotMgPerKg()
    {
        // Esketamine nasal spray: 56 mg as two 28 mg devices; 56 mg over 82.5 kg would be 0.6787878… mg/kg, a figure
        // nobody prescribed and no limit judges.
        var clinic = AuditFixture.NewClinic();
        var script = new SessionScript(clinicId: clinic) { Start = May12 };
        List<JsonObject> events =
        [
            script.Vitals(TimeSpan.FromMinutes(-5)),
            script.Event("SessionStarted", TimeSpan.Zero, new JsonObject
            {
                ["patientRef"] = script.PatientRef,
                ["protocolId"] = "esketamine-in-trd",
                ["route"] = "IN",
                ["weightKg"] = 82.5,
                ["prescribedDoseMg"] = 56,
                ["patientAgeYears"] = 44,
            }),
            script.Event("DoseAdministered", TimeSpan.FromMinutes(1), new JsonObject { ["doseMg"] = 28 }),
            script.Event("DoseAdministered", TimeSpan.FromMinutes(6), new JsonObject { ["doseMg"] = 28 }),
            script.Ended(TimeSpan.FromMinutes(130)),
        ];
        await fixture.IngestAsync(new AuditSession(script, events, May12.AddMinutes(131)));
        var client = fixture.Host.Client(TestKeys.Auditor);

        var listed = JsonNode.Parse(await Body(client, $"/api/clinics/{clinic}/sessions?from=2025-05-12&to=2025-05-12"))!["items"]![0]!;
        var report = JsonNode.Parse(await Body(client, $"/api/clinics/{clinic}/compliance-report?from=2025-05-12&to=2025-05-12"))!;
        var csv = (await Body(client, $"/api/clinics/{clinic}/sessions?from=2025-05-12&to=2025-05-12&format=csv")).Split("\r\n");

        listed["deliveredMg"]!.GetValue<double>().ShouldBe(56);
        listed["deliveredMgPerKg"].ShouldBeNull();
        var dose = report["deliveredDose"]!.AsArray().Single()!;
        dose["protocolId"]!.GetValue<string>().ShouldBe("esketamine-in-trd");
        dose["unit"]!.GetValue<string>().ShouldBe("mg");
        dose["medianMg"]!.GetValue<double>().ShouldBe(56);
        dose["medianMgPerKg"].ShouldBeNull();
        var header = csv[0].Split(',');
        csv[1].Split(',')[Array.IndexOf(header, "deliveredMg")].ShouldBe("56");
    }

    private static async Task<string> Body(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return body;
    }

    // A number with five or more decimals: clinical precision never needs more than four (rates in mg/kg/h use 0.001).
    [GeneratedRegex(@"(?<![\w.:-])-?\d+\.\d{5,}(?![\w])")]
    private static partial Regex Noise();
}
