using InfusionAudit.Testing;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace InfusionAudit.Http.Tests.Audit;

/// <summary>
/// Issue 14 item 3: the compliance report as CSV (one row per figure) and as a printable page, over real HTTP on
/// Azurite. Each figure of the JSON answer is in the CSV with the same value, and in the page; the page runs no script
/// and loads nothing.
/// </summary>
public sealed class ComplianceReportExportTests(AuditFixture fixture) : IClassFixture<AuditFixture>
{
    private static readonly DateTimeOffset August3 = new(2025, 8, 3, 8, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheCsvHoldsEveryFigureOfTheJsonAnswerWithTheSameValue()
    {
        var clinic = await ClinicWithSessionsAsync();
        var report = JsonNode.Parse(await GetAsync(clinic, "", "application/json"))!;

        var csv = await GetAsync(clinic, "&format=csv", "text/csv");
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("section,item,measure,value");
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToDictionary(c => $"{c[0]}|{c[1]}|{c[2]}", c => c[3]);

        rows["report||clinicId"].ShouldBe(clinic);
        rows["report||from"].ShouldBe("2025-08-03");
        rows["sessions||total"].ShouldBe("4");
        rows["sessions||total"].ShouldBe(report["sessions"]!["total"]!.ToJsonString());
        rows["sessions||ended"].ShouldBe(report["sessions"]!["ended"]!.ToJsonString());
        rows["sessions||completedWithinProtocolPercent"].ShouldBe(report["sessions"]!["completedWithinProtocolPercent"]!.ToJsonString());
        foreach (var rule in report["findingsPerRule"]!.AsArray())
        {
            rows[$"findingsPerRule|{rule!["ruleId"]}|findings".Replace("\"", "", StringComparison.Ordinal)].ShouldBe(rule["findings"]!.ToJsonString());
            rows[$"findingsPerRule|{rule["ruleId"]}|sessions".Replace("\"", "", StringComparison.Ordinal)].ShouldBe(rule["sessions"]!.ToJsonString());
        }

        var dose = report["deliveredDose"]!.AsArray().Single()!;
        rows["deliveredDose|ketamine-iv-depression|maxMgPerKg"].ShouldBe(dose["maxMgPerKg"]!.GetValue<double>().ToString("R", CultureInfo.InvariantCulture));
        rows["alerts||raised"].ShouldBe(report["alerts"]!["raised"]!.ToJsonString());
        rows.Keys.Count(k => k.StartsWith("findingsPerRule|", StringComparison.Ordinal)).ShouldBe(2 * report["findingsPerRule"]!.AsArray().Count);
    }

    [Fact]
    public async Task ThePrintablePageShowsTheFiguresWithoutScriptAndForbidsLoadingAnything()
    {
        var clinic = await ClinicWithSessionsAsync();
        var report = JsonNode.Parse(await GetAsync(clinic, "", "application/json"))!;

        using var client = fixture.Host.Client(TestKeys.Auditor);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/clinics/{clinic}/compliance-report?from=2025-08-03&to=2025-08-05");
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await client.SendAsync(request, Ct);
        var page = await response.Content.ReadAsStringAsync(Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, page);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldStartWith("default-src 'none'");
        page.ShouldStartWith("<!DOCTYPE html>");
        page.ShouldNotContain("<script", Case.Insensitive);
        page.ShouldNotContain("src=", Case.Insensitive);
        page.ShouldContain($"<h1>Compliance report: clinic {clinic}</h1>");
        page.ShouldContain("<tr><th>Sessions</th><td>4</td></tr>");
        foreach (var rule in report["findingsPerRule"]!.AsArray())
        {
            page.ShouldContain($"<tr><td>{rule!["ruleId"]!.GetValue<string>()}</td><td class=\"n\">{rule["findings"]}</td><td class=\"n\">{rule["sessions"]}</td></tr>");
        }
    }

    [Fact]
    public async Task AnUnknownFormatIsRefusedNamingTheParameter()
    {
        using var response = await fixture.Host.Client(TestKeys.Auditor).GetAsync($"/api/clinics/{AuditFixture.NewClinic()}/compliance-report?from=2025-08-03&to=2025-08-05&format=pdf", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("format");
    }

    private async Task<string> ClinicWithSessionsAsync()
    {
        var clinic = AuditFixture.NewClinic();
        await fixture.IngestAsync(AuditSession.Standard(clinic, August3));
        await fixture.IngestAsync(AuditSession.Standard(clinic, August3.AddHours(3), s => [AuditSession.AdverseEffect(s, TimeSpan.FromMinutes(10), "nausea", "mild")]));
        await fixture.IngestAsync(AuditSession.Overdose(clinic, August3.AddDays(1)));
        await fixture.IngestAsync(AuditSession.Running(clinic, August3.AddDays(2)));
        return clinic;
    }

    private async Task<string> GetAsync(string clinic, string query, string mediaType)
    {
        using var response = await fixture.Host.Client(TestKeys.Auditor).GetAsync($"/api/clinics/{clinic}/compliance-report?from=2025-08-03&to=2025-08-05{query}", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(mediaType);
        return text;
    }
}
