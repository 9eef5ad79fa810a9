using System.Net;
using System.Text.Json.Nodes;
using InfusionAudit.Testing;

namespace InfusionAudit.Application.Tests.Audit;

/// <summary>
/// Issue 14 item 2: a clock finding withdrawn because late data arrived is kept (with its retraction) and marked on the
/// list that asks for retracted findings, and the compliance report does not count it.
/// </summary>
public sealed class WithdrawnTimerFindingTests(AuditFixture fixture) : IClassFixture<AuditFixture>
{
    private static readonly DateTimeOffset September2 = new(2025, 9, 2, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AVitalsMissingFindingWithdrawnByLateReadingsIsListedAsRetractedAndNotCountedByTheReport()
    {
        var clinic = AuditFixture.NewClinic();
        var s = new SessionScript(clinicId: clinic) { Start = September2 };

        // Received 40 minutes in with one reading at minute 1: no pressure or SpO2 for 39 minutes, as far as anyone knows.
        (await fixture.IngestAsync([s.Vitals(TimeSpan.FromMinutes(-4)), s.Started(), s.Rate(TimeSpan.FromSeconds(30), 52.5), s.Vitals(TimeSpan.FromMinutes(1))], September2.AddMinutes(40))).Rejected.ShouldBe(0);
        using var client = fixture.Host.Client(TestKeys.Auditor);
        (await FindingsAsync(client, clinic, "")).ShouldContain("VITALS-MISSING");

        // The readings taken meanwhile arrive late: every gap is under 15 minutes, so the finding is withdrawn.
        (await fixture.IngestAsync(
            [s.Vitals(TimeSpan.FromMinutes(12)), s.Vitals(TimeSpan.FromMinutes(24)), s.Vitals(TimeSpan.FromMinutes(36)), s.Rate(TimeSpan.FromSeconds(30) + TimeSpan.FromMinutes(40), 0), s.Ended(TimeSpan.FromMinutes(45))],
            September2.AddMinutes(46))).Rejected.ShouldBe(0);

        (await FindingsAsync(client, clinic, "")).ShouldNotContain("VITALS-MISSING");
        var withRetracted = JsonNode.Parse(await GetAsync(client, $"/api/clinics/{clinic}/findings?from=2025-09-02&to=2025-09-02&includeRetracted=true"))!["items"]!.AsArray();
        var withdrawn = withRetracted.Where(f => f!["ruleId"]!.GetValue<string>() == "VITALS-MISSING").ToList();
        withdrawn.ShouldNotBeEmpty();
        withdrawn.ShouldAllBe(f => f!["retractedAt"] != null);

        var report = JsonNode.Parse(await GetAsync(client, $"/api/clinics/{clinic}/compliance-report?from=2025-09-02&to=2025-09-02"))!;
        report["findingsPerRule"]!.AsArray().Select(r => r!["ruleId"]!.GetValue<string>()).ShouldNotContain("VITALS-MISSING");
    }

    private static async Task<List<string>> FindingsAsync(HttpClient client, string clinic, string extra) =>
        [.. JsonNode.Parse(await GetAsync(client, $"/api/clinics/{clinic}/findings?from=2025-09-02&to=2025-09-02{extra}"))!["items"]!.AsArray().Select(f => f!["ruleId"]!.GetValue<string>())];

    private static async Task<string> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return text;
    }
}
