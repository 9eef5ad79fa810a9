using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using InfusionAudit.Integration.Tests.Infrastructure;

namespace InfusionAudit.Integration.Tests.Audit;

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
