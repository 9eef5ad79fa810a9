using System.Net;
using System.Text.Json.Nodes;
using InfusionAudit.Testing;

namespace InfusionAudit.Application.Tests.Audit;

/// <summary>
/// Issue 14 item 1, through real HTTP on Azurite: one clinical calendar. A simulated month of a clinic in New York
/// (sessions late in the evening that end after local midnight, and the switch to daylight saving time on 8 March 2026)
/// is read day by day and as a whole; for every range the compliance report's counts equal what the session, finding
/// and alert lists return for the same clinic and range, and each session is filed under its local start date.
/// </summary>
public sealed class ClinicalCalendarTests(ClinicalCalendarTests.NewYorkFixture fixture) : IClassFixture<ClinicalCalendarTests.NewYorkFixture>
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OverASimulatedMonthTheReportsCountsEqualTheListsCountsForEveryDayAndTheMonth()
    {
        var clinic = AuditFixture.NewClinic("cal");
        var lateEvening = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        for (var day = 1; day <= 31; day++)
        {
            var date = new DateOnly(2026, 3, day);
            await Ingest(AuditSession.Standard(clinic, Local(date, 10, 0)));

            // 19:30 local is 23:30 or 00:30 UTC: its findings are detected after UTC midnight, on the next UTC day.
            if (day % 3 == 0)
            {
                await Ingest(AuditSession.Overdose(clinic, Local(date, 19, 30)));
            }

            // Starts before local midnight, ends after it: one session, one clinical date.
            if (day % 4 == 0)
            {
                var late = await Ingest(AuditSession.Overdose(clinic, Local(date, 23, 40)));
                lateEvening[late.SessionId] = date;
            }
        }

        // The night of the change: starts 01:30 EST, runs through 02:00 EST = 03:00 EDT; and one the evening before.
        var dst = await Ingest(AuditSession.Overdose(clinic, Local(new DateOnly(2026, 3, 8), 1, 30)));
        var eve = await Ingest(AuditSession.Overdose(clinic, Local(new DateOnly(2026, 3, 7), 23, 50)));
        lateEvening[dst.SessionId] = new DateOnly(2026, 3, 8);
        lateEvening[eve.SessionId] = new DateOnly(2026, 3, 7);

        var client = fixture.Host.Client(TestKeys.Auditor);
        var month = await Reconcile(client, clinic, "2026-03-01", "2026-03-31");
        month.Sessions.ShouldBe(31 + 10 + 7 + 2);
        month.Findings.ShouldBeGreaterThan(0);
        month.Alerts.ShouldBeGreaterThan(0, "overdoses raise alerts, so the alert figures are compared on real rows");

        var sum = (Sessions: 0, Findings: 0, Alerts: 0);
        for (var day = new DateOnly(2026, 3, 1); day <= new DateOnly(2026, 3, 31); day = day.AddDays(1))
        {
            var text = day.ToString("yyyy-MM-dd");
            var counts = await Reconcile(client, clinic, text, text);
            sum = (sum.Sessions + counts.Sessions, sum.Findings + counts.Findings, sum.Alerts + counts.Alerts);
        }

        sum.ShouldBe((month.Sessions, month.Findings, month.Alerts), "the days of the month add up to the month");

        var listed = await ListAll(client, $"/api/clinics/{clinic}/sessions?from=2026-03-01&to=2026-03-31", "items");
        foreach (var (sessionId, date) in lateEvening)
        {
            var row = listed.Single(s => s["sessionId"]!.GetValue<string>() == sessionId);
            row["sessionDate"]!.GetValue<string>().ShouldBe(date.ToString("yyyy-MM-dd"), $"{sessionId} is filed under its local start date");
        }
    }

    [Fact]
    public async Task TheReceiveTimeIsASecondExplicitFilter()
    {
        var clinic = AuditFixture.NewClinic("cal");
        var early = await Ingest(AuditSession.Overdose(clinic, Local(new DateOnly(2026, 3, 10), 9, 0)));

        // History loaded a week later: same clinical day, another receive time.
        var lateScript = AuditSession.Overdose(clinic, Local(new DateOnly(2026, 3, 10), 14, 0));
        var loadedLater = await Ingest(lateScript with { ReceivedAt = new DateTimeOffset(2026, 3, 17, 12, 0, 0, TimeSpan.Zero) });
        var client = fixture.Host.Client(TestKeys.Auditor);

        var day = $"/api/clinics/{clinic}/findings?from=2026-03-10&to=2026-03-10";
        var all = await ListAll(client, day, "items");
        var received = await ListAll(client, day + "&receivedFrom=2026-03-17T00:00:00Z&receivedTo=2026-03-18T00:00:00Z", "items");
        all.Select(f => f["sessionId"]!.GetValue<string>()).Distinct().Order().ShouldBe(new[] { early.SessionId, loadedLater.SessionId }.Order());
        received.ShouldNotBeEmpty();
        received.ShouldAllBe(f => f["sessionId"]!.GetValue<string>() == loadedLater.SessionId);

        var sessions = await ListAll(client, $"/api/clinics/{clinic}/sessions?from=2026-03-10&to=2026-03-10&receivedFrom=2026-03-17T00:00:00%2B00:00&receivedTo=2026-03-18T00:00:00Z", "items");
        sessions.Select(s => s["sessionId"]!.GetValue<string>()).ShouldBe([loadedLater.SessionId]);

        using var refused = await client.GetAsync(day + "&receivedFrom=2026-03-17", Ct);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync(Ct)).ShouldContain("receivedFrom");
    }

    [Fact]
    public async Task RejectedInputIsFiledUnderTheLocalDayItOccurredOn()
    {
        var clinic = AuditFixture.NewClinic("cal");

        // 23:40 EST on 12 March is 03:40 UTC on the 13th; received a minute later.
        var occurred = Local(new DateOnly(2026, 3, 12), 23, 40);
        var bad = SessionScript.Event("rej-" + Guid.NewGuid().ToString("N")[..8], "S-rej", clinic, "pump-1", 0, "InfusionRateChanged", occurred, new JsonObject { ["rateMlPerHour"] = -5 });
        var result = await fixture.IngestAsync([bad], occurred.AddMinutes(1));
        result.Rejected.ShouldBe(1);
        var client = fixture.Host.Client(TestKeys.Auditor);

        (await ListAll(client, $"/api/clinics/{clinic}/rejected?from=2026-03-12&to=2026-03-12", "items")).Count.ShouldBe(1);
        (await ListAll(client, $"/api/clinics/{clinic}/rejected?from=2026-03-13&to=2026-03-13", "items")).ShouldBeEmpty();
        (await ListAll(client, $"/api/clinics/{clinic}/rejected?from=2026-03-12&to=2026-03-12&receivedFrom=2026-03-14T00:00:00Z", "items")).ShouldBeEmpty();
    }

    [Fact]
    public async Task AnUnknownTimeZoneStopsTheHostAtStartNamingTheSetting()
    {
        var failure = await Should.ThrowAsync<Exception>(() => TestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["LocalHost:Clock"] = "off",
            ["InfusionAudit:ClinicTimeZones:abq-01"] = "America/Albuquerqe",
        }));
        failure.ToString().ShouldContain("InfusionAudit:ClinicTimeZones:abq-01");
        failure.ToString().ShouldContain("America/Albuquerqe");
    }

    private async Task<AuditSession> Ingest(AuditSession session)
    {
        var result = await fixture.IngestAsync(session.Events, session.ReceivedAt);
        result.Rejected.ShouldBe(0, $"the scripted events of {session.SessionId} must pass the contract");
        return session;
    }

    /// <summary>A local wall-clock time in New York as a UTC instant (the script writes occurredAt in UTC).</summary>
    private static DateTimeOffset Local(DateOnly date, int hour, int minute)
    {
        var local = date.ToDateTime(new TimeOnly(hour, minute));
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, NewYork), TimeSpan.Zero);
    }

    private static async Task<(int Sessions, int Findings, int Alerts)> Reconcile(HttpClient client, string clinic, string from, string to)
    {
        var range = $"from={from}&to={to}";
        var report = JsonNode.Parse(await Body(client, $"/api/clinics/{clinic}/compliance-report?{range}"))!;
        var sessions = await ListAll(client, $"/api/clinics/{clinic}/sessions?{range}", "items");
        var findings = await ListAll(client, $"/api/clinics/{clinic}/findings?{range}", "items");
        var alerts = await ListAll(client, $"/api/alerts?clinicId={clinic}&{range}", "items");

        var total = report["sessions"]!["total"]!.GetValue<int>();
        total.ShouldBe(sessions.Count, $"sessions {range}");
        var perRule = report["findingsPerRule"]!.AsArray()
            .ToDictionary(r => r!["ruleId"]!.GetValue<string>(), r => r!["findings"]!.GetValue<int>());
        var listedPerRule = findings.GroupBy(f => f["ruleId"]!.GetValue<string>()).ToDictionary(g => g.Key, g => g.Count());
        listedPerRule.OrderBy(p => p.Key).ShouldBe(perRule.OrderBy(p => p.Key), $"findings per rule {range}");
        report["alerts"]!["raised"]!.GetValue<int>().ShouldBe(alerts.Count, $"alerts {range}");
        return (total, findings.Count, alerts.Count);
    }

    private static async Task<List<JsonNode>> ListAll(HttpClient client, string path, string items)
    {
        var all = new List<JsonNode>();
        string? token = null;
        do
        {
            var page = JsonNode.Parse(await Body(client, token is null ? path : $"{path}&continuationToken={Uri.EscapeDataString(token)}"))!;
            all.AddRange(page[items]!.AsArray().Select(n => n!));
            token = page["continuationToken"]?.GetValue<string>();
        }
        while (token is not null);
        return all;
    }

    private static async Task<string> Body(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{path}: {body}");
        return body;
    }

    /// <summary>The audit fixture with every clinic in New York unless configured otherwise.</summary>
    public sealed class NewYorkFixture : IAsyncLifetime
    {
        private readonly AuditFixture inner = AuditFixture.With(new Dictionary<string, string?> { ["InfusionAudit:DefaultTimeZone"] = "America/New_York" });

        public TestHost Host => inner.Host;

        public Task<Application.Ingestion.IngestResult> IngestAsync(IEnumerable<JsonObject> events, DateTimeOffset receivedAt) => inner.IngestAsync(events, receivedAt);

        public ValueTask InitializeAsync() => inner.InitializeAsync();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
