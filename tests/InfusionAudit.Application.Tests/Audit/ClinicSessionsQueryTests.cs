using System.Net;
using System.Text.Json.Nodes;
using InfusionAudit.Application.Audit;
using InfusionAudit.Http.Audit;
using InfusionAudit.Application.Ports.Indexes;
using InfusionAudit.Infrastructure.Storage.Indexes;
using InfusionAudit.Testing;

namespace InfusionAudit.Application.Tests.Audit;

public sealed class ClinicSessionsQueryTests(AuditFixture fixture) : IClassFixture<AuditFixture>
{
    private static readonly DateTimeOffset May10 = new(2025, 5, 10, 10, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AClinicsRangeIsReadOnePageARequestAndNeverShowsAnotherClinicOrDay()
    {
        var clinic = AuditFixture.NewClinic();
        var neighbour = clinic[..^1] + (clinic[^1] == '0' ? '1' : '0');
        var inRange = new List<string>();
        for (var day = 0; day < 5; day++)
        {
            inRange.Add((await fixture.IngestAsync(AuditSession.Standard(clinic, May10.AddDays(day)))).SessionId);
            await fixture.IngestAsync(AuditSession.Standard(neighbour, May10.AddDays(day)));
        }

        await fixture.IngestAsync(AuditSession.Standard(clinic, May10.AddDays(-1)));
        await fixture.IngestAsync(AuditSession.Standard(clinic, May10.AddDays(5)));
        var handler = new ClinicSessionsQueryHandler(new ClinicSessionIndex(fixture.CountedAccount));
        var range = new DateRange(new DateOnly(2025, 5, 10), new DateOnly(2025, 5, 14));

        var listed = new List<string>();
        var pages = 0;
        var before = fixture.Counter.Requests;
        InfusionAudit.Application.Ports.Audit.StorageCursor? cursor = null;
        do
        {
            var page = await handler.ListAsync(clinic, range, new SessionListFilter(), cursor, 2, Ct);
            page.Rows.Count.ShouldBeLessThanOrEqualTo(2);
            page.Requests.ShouldBe(1);
            listed.AddRange(page.Rows.Select(r => r.SessionId));
            cursor = page.Next;
            pages++;
        }
        while (cursor is not null);

        pages.ShouldBe(3);
        (fixture.Counter.Requests - before).ShouldBe(3, "one request per page, nothing else");
        listed.ShouldBe(inRange, "one per day, in day order");
    }

    [Fact]
    public async Task StatusProtocolAndSeverityFiltersSelectTheMatchingSessions()
    {
        var clinic = AuditFixture.NewClinic();
        var standard = await fixture.IngestAsync(AuditSession.Standard(clinic, May10));
        var overdose = await fixture.IngestAsync(AuditSession.Overdose(clinic, May10.AddHours(1)));
        var running = await fixture.IngestAsync(AuditSession.Running(clinic, May10.AddHours(2)));
        var client = fixture.Host.Client(TestKeys.Auditor);

        var ended = await Ids(client, $"/api/clinics/{clinic}/sessions?from=2025-05-10&to=2025-05-10&status=ended");
        var critical = await Ids(client, $"/api/clinics/{clinic}/sessions?from=2025-05-10&to=2025-05-10&minSeverity=critical");
        var iv = await Ids(client, $"/api/clinics/{clinic}/sessions?from=2025-05-10&to=2025-05-10&protocolId=ketamine-iv-depression");
        var other = await Ids(client, $"/api/clinics/{clinic}/sessions?from=2025-05-10&to=2025-05-10&protocolId=esketamine-in-trd");
        var open = await Ids(client, $"/api/clinics/{clinic}/sessions?from=2025-05-10&to=2025-05-10&status=running");

        ended.ShouldBe([standard.SessionId, overdose.SessionId], ignoreOrder: true);
        critical.ShouldBe([overdose.SessionId]);
        iv.ShouldBe([standard.SessionId, overdose.SessionId, running.SessionId], ignoreOrder: true);
        other.ShouldBeEmpty();
        open.ShouldBe([running.SessionId]);
    }

    [Fact]
    public async Task AListedSessionCarriesItsOutcomeButNoPatientReferenceOrHash()
    {
        var clinic = AuditFixture.NewClinic();
        var session = await fixture.IngestAsync(AuditSession.Standard(clinic, May10));

        using var response = await fixture.Host.Client(TestKeys.Auditor).GetAsync($"/api/clinics/{clinic}/sessions?from=2025-05-10&to=2025-05-10", Ct);

        var text = await response.Content.ReadAsStringAsync(Ct);
        var item = JsonNode.Parse(text)!["items"]![0]!;
        item["status"]!.GetValue<string>().ShouldBe("ended");
        item["endReason"]!.GetValue<string>().ShouldBe("completed");
        item["completedWithinProtocol"]!.GetValue<bool>().ShouldBeTrue();
        item["deliveredMgPerKg"]!.GetValue<double>().ShouldBe(0.5, 1e-9);
        text.ShouldNotContain(session.Script.PatientRef);
        text.ShouldNotContain("hmac-sha256");
    }

    [Fact]
    public async Task PagesFollowOpaqueTokensThatOnlyTheirOwnQueryAccepts()
    {
        var clinic = AuditFixture.NewClinic();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await fixture.IngestAsync(AuditSession.Standard(clinic, May10.AddHours(i)))).SessionId);
        }

        var client = fixture.Host.Client(TestKeys.Auditor);
        var query = $"/api/clinics/{clinic}/sessions?from=2025-05-10&to=2025-05-10&pageSize=2";
        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = JsonNode.Parse(await client.GetStringAsync(query + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token)), Ct))!;
            seen.AddRange(page["items"]!.AsArray().Select(i => i!["sessionId"]!.GetValue<string>()));
            token = page["continuationToken"]?.GetValue<string>();
            pages++;
            if (pages == 1)
            {
                token.ShouldNotBeNull();
                using var otherRange = await client.GetAsync($"/api/clinics/{clinic}/sessions?from=2025-05-10&to=2025-05-11&pageSize=2&continuationToken={Uri.EscapeDataString(token)}", Ct);
                using var otherClinic = await client.GetAsync($"/api/clinics/{clinic}x/sessions?from=2025-05-10&to=2025-05-10&pageSize=2&continuationToken={Uri.EscapeDataString(token)}", Ct);
                using var edited = await client.GetAsync(query + "&continuationToken=" + Uri.EscapeDataString("x" + token[1..]), Ct);
                await ProblemAnswers.ShouldNameAsync(otherRange, AuditParameters.ContinuationTokenName);
                await ProblemAnswers.ShouldNameAsync(otherClinic, AuditParameters.ContinuationTokenName);
                await ProblemAnswers.ShouldNameAsync(edited, AuditParameters.ContinuationTokenName);
            }
        }
        while (token is not null);

        pages.ShouldBe(3);
        seen.ShouldBe(ids, ignoreOrder: true);
        seen.Distinct().Count().ShouldBe(5);
    }

    [Fact]
    public async Task CsvIsServedForFormatCsvOrAcceptTextCsvWithTheTokenInAHeader()
    {
        var clinic = AuditFixture.NewClinic();
        var script = new SessionScript(sessionId: "-S" + Guid.NewGuid().ToString("N")[..12], clinicId: clinic) { Start = May10 };
        await fixture.IngestAsync(new AuditSession(script, script.StandardIvSession(), May10.AddMinutes(50)));
        await fixture.IngestAsync(AuditSession.Standard(clinic, May10.AddHours(1)));
        var client = fixture.Host.Client(TestKeys.Auditor);

        using var byFormat = await client.GetAsync($"/api/clinics/{clinic}/sessions?from=2025-05-10&to=2025-05-10&format=csv&pageSize=1", Ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/clinics/{clinic}/sessions?from=2025-05-10&to=2025-05-10");
        request.Headers.Accept.Clear();
        request.Headers.Accept.ParseAdd("text/csv");
        using var byAccept = await client.SendAsync(request, Ct);

        byFormat.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        byFormat.Headers.GetValues(CsvResult.ContinuationHeader).Single().ShouldNotBeEmpty();
        var lines = (await byAccept.Content.ReadAsStringAsync(Ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        byAccept.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        byAccept.Headers.Contains(CsvResult.ContinuationHeader).ShouldBeFalse();
        lines[0].ShouldStartWith("sessionId,sessionDate,");
        lines.Length.ShouldBe(3);
        lines.ShouldContain(l => l.StartsWith("'" + script.SessionId + ",", StringComparison.Ordinal), "a cell starting with '-' is neutralised");
    }

    private static async Task<List<string>> Ids(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        return [.. page["items"]!.AsArray().Select(i => i!["sessionId"]!.GetValue<string>())];
    }
}
