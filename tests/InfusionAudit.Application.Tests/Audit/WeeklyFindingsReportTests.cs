using System.Net;
using System.Text.Json.Nodes;
using InfusionAudit.Application.Audit;
using InfusionAudit.Testing;

namespace InfusionAudit.Application.Tests.Audit;

/// <summary>
/// The compliance report's findings per rule and ISO week of session date (issue 15, the auditor's "findings per rule
/// and week"), through real HTTP on Azurite, in JSON and CSV, with exact counts; and the ISO week arithmetic at its edges.
/// </summary>
public sealed class WeeklyFindingsReportTests(AuditFixture fixture) : IClassFixture<AuditFixture>
{
    private static readonly DateTimeOffset Monday = new(2025, 7, 7, 8, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The standard IV session of a patient of its own, with a low SpO2 reading at each of <paramref name="lowSpo2AtMin"/> (a normal reading between them ends each episode).</summary>
    private static AuditSession Iv(string clinic, DateTimeOffset start, params int[] lowSpo2AtMin)
    {
        var script = new SessionScript(clinicId: clinic) { Start = start, PatientRef = "MRN-W-" + Guid.NewGuid().ToString("N")[..8] };
        // Events in time order, so sequence and occurredAt agree.
        List<JsonObject> events = [script.Vitals(TimeSpan.FromMinutes(-5)), script.Started(70, 0.5), script.Rate(TimeSpan.FromSeconds(30), 52.5)];
        foreach (var minute in lowSpo2AtMin.Order())
        {
            events.Add(script.Vitals(TimeSpan.FromMinutes(minute), spo2: 92));
            events.Add(script.Vitals(TimeSpan.FromMinutes(minute + 1)));
        }

        events.Add(script.Rate(TimeSpan.FromSeconds(30) + TimeSpan.FromMinutes(40), 0));
        events.Add(script.Ended(TimeSpan.FromMinutes(45)));
        return new AuditSession(script, events, start.AddMinutes(90));
    }

    [Fact]
    public async Task FindingsAreCountedPerRuleAndIsoWeekOfTheSessionDate()
    {
        var clinic = AuditFixture.NewClinic("wk");
        // 2025-W28 runs Monday 7 to Sunday 13 July: one episode on the Monday, two on the Sunday; 2025-W29 one, on Monday 14.
        await fixture.IngestAsync(Iv(clinic, Monday, 10));
        await fixture.IngestAsync(Iv(clinic, Monday.AddDays(6), 10, 20));
        await fixture.IngestAsync(Iv(clinic, Monday.AddDays(7), 15));
        // Outside the range (Sunday 6 July, 2025-W27): not counted.
        await fixture.IngestAsync(Iv(clinic, Monday.AddDays(-1), 10));

        using var response = await fixture.Host.Client(TestKeys.Auditor).GetAsync($"/api/clinics/{clinic}/compliance-report?from=2025-07-07&to=2025-07-20", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        var report = JsonNode.Parse(text)!;
        var weekly = report["findingsPerWeek"]!.AsArray();

        weekly.Where(w => w!["rule"]!.GetValue<string>() == "VITALS-SPO2-LOW")
            .Select(w => $"{w!["week"]} {w["from"]} {w["findings"]}")
            .ShouldBe(["2025-W28 2025-07-07 3", "2025-W29 2025-07-14 1"], text);
        weekly.Select(w => w!["week"]!.GetValue<string>()).Distinct().ShouldBe(["2025-W28", "2025-W29"], ignoreOrder: false, text);

        // The weeks of each rule add up to the rule's total: the same index rows, split.
        var totals = report["findingsPerRule"]!.AsArray().ToDictionary(r => r!["ruleId"]!.GetValue<string>(), r => r!["findings"]!.GetValue<int>());
        weekly.GroupBy(w => w!["rule"]!.GetValue<string>()).ToDictionary(g => g.Key, g => g.Sum(w => w!["findings"]!.GetValue<int>()))
            .ShouldBe(totals.Where(t => t.Value > 0).ToDictionary(t => t.Key, t => t.Value), ignoreOrder: true);
        totals["VITALS-SPO2-LOW"].ShouldBe(4);

        using var csvResponse = await fixture.Host.Client(TestKeys.Auditor).GetAsync($"/api/clinics/{clinic}/compliance-report?from=2025-07-07&to=2025-07-20&format=csv", Ct);
        var csv = (await csvResponse.Content.ReadAsStringAsync(Ct)).ReplaceLineEndings("\n").Split('\n');
        csv.ShouldContain("findingsPerWeek,2025-W28,from,2025-07-07");
        csv.ShouldContain("findingsPerWeek,2025-W28|VITALS-SPO2-LOW,findings,3");
        csv.ShouldContain("findingsPerWeek,2025-W29,from,2025-07-14");
        csv.ShouldContain("findingsPerWeek,2025-W29|VITALS-SPO2-LOW,findings,1");
    }

    [Theory]
    [InlineData("2025-07-07", "2025-W28", "2025-07-07")] // a Monday starts its week
    [InlineData("2025-07-13", "2025-W28", "2025-07-07")] // a Sunday ends it
    [InlineData("2026-03-02", "2026-W10", "2026-03-02")]
    [InlineData("2026-12-31", "2026-W53", "2026-12-28")] // 2026 has 53 ISO weeks
    [InlineData("2027-01-03", "2026-W53", "2026-12-28")] // early January in the previous ISO year
    [InlineData("2027-01-04", "2027-W01", "2027-01-04")]
    [InlineData("2024-12-30", "2025-W01", "2024-12-30")] // late December in the next ISO year
    public void TheWeekIsTheIsoWeekWithItsMonday(string date, string week, string monday)
    {
        var (w, m) = RuleWeekFindingCount.WeekOf(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture));

        w.ShouldBe(week);
        m.ShouldBe(DateOnly.Parse(monday, System.Globalization.CultureInfo.InvariantCulture));
    }
}
