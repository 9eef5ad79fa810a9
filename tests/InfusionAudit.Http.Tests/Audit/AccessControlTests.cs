using InfusionAudit.Testing;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace InfusionAudit.Http.Tests.Audit;

public sealed class AccessControlTests(AuditFixture fixture) : IClassFixture<AuditFixture>
{
    private const string Range = "from=2025-09-01&to=2025-09-01";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string?, HttpStatusCode> Cases()
    {
        var data = new TheoryData<string, string?, HttpStatusCode>();
        string[] auditorRoutes =
        [
            $"/api/clinics/c1/sessions?{Range}",
            $"/api/clinics/c1/findings?{Range}",
            $"/api/clinics/c1/rejected?{Range}",
            $"/api/clinics/c1/compliance-report?{Range}",
        ];
        foreach (var route in auditorRoutes)
        {
            data.Add(route, null, HttpStatusCode.Unauthorized);
            data.Add(route, "wrong-key", HttpStatusCode.Unauthorized);
            // A producer reads the rejections of its own clinics (issue 14 item 6); this one is bound to none, so all.
            data.Add(route, TestKeys.Producer, route.Contains("/rejected", StringComparison.Ordinal) ? HttpStatusCode.OK : HttpStatusCode.Forbidden);
            data.Add(route, TestKeys.OnCall, HttpStatusCode.Forbidden);
            data.Add(route, TestKeys.Auditor, HttpStatusCode.OK);
            data.Add(route, TestKeys.Admin, HttpStatusCode.OK);
        }

        const string unattributed = $"/api/rejected/unattributed?{Range}";
        data.Add(unattributed, null, HttpStatusCode.Unauthorized);
        data.Add(unattributed, TestKeys.Producer, HttpStatusCode.Forbidden);
        data.Add(unattributed, TestKeys.OnCall, HttpStatusCode.Forbidden);
        data.Add(unattributed, TestKeys.Auditor, HttpStatusCode.Forbidden);
        data.Add(unattributed, TestKeys.Admin, HttpStatusCode.OK);

        const string log = "/api/access-log?date=2025-09-01";
        data.Add(log, null, HttpStatusCode.Unauthorized);
        data.Add(log, TestKeys.Producer, HttpStatusCode.Forbidden);
        data.Add(log, TestKeys.OnCall, HttpStatusCode.Forbidden);
        data.Add(log, TestKeys.Auditor, HttpStatusCode.Forbidden);
        data.Add(log, TestKeys.Admin, HttpStatusCode.OK);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EachRouteAdmitsItsRolesAndAnswersOthersWithAProblem(string route, string? key, HttpStatusCode expected)
    {
        using var response = await fixture.Host.Client(key).GetAsync(route, Ct);

        response.StatusCode.ShouldBe(expected);
        if (expected != HttpStatusCode.OK)
        {
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }
    }

    [Fact]
    public async Task EveryAuditReadIsLoggedWithWhoWhatAndHowManyRowsAndOnlyAnAdminReadsTheLog()
    {
        var clinic = AuditFixture.NewClinic();
        var session = await fixture.IngestAsync(AuditSession.Standard(clinic, new DateTimeOffset(2025, 9, 1, 9, 0, 0, TimeSpan.Zero)));
        var marker = Guid.NewGuid().ToString("N")[..8];
        (await fixture.Host.Client(TestKeys.Auditor).GetAsync($"/api/clinics/{clinic}/sessions?{Range}&protocolId=p-{marker}", Ct)).Dispose();
        (await fixture.Host.Client(TestKeys.Auditor).GetAsync($"/api/clinics/{clinic}/sessions?{Range}", Ct)).Dispose();
        (await fixture.Host.Client(TestKeys.Auditor).GetAsync($"/api/sessions/{session.SessionId}", Ct)).Dispose();
        (await fixture.Host.Client(TestKeys.Producer).GetAsync($"/api/clinics/{clinic}/findings?{Range}", Ct)).Dispose();

        var entries = await LogEntriesAsync(fixture.Host.Client(TestKeys.Admin), e => e.ToJsonString().Contains(clinic, StringComparison.Ordinal) || e.ToJsonString().Contains(session.SessionId, StringComparison.Ordinal));

        var filtered = entries.Single(e => e["parameters"]!["query"]!["protocolId"]?.GetValue<string>() == $"p-{marker}");
        filtered["caller"]!.GetValue<string>().ShouldStartWith("auditor:");
        filtered["role"]!.GetValue<string>().ShouldBe("auditor");
        filtered["route"]!.GetValue<string>().ShouldBe("/api/clinics/{clinicId}/sessions");
        filtered["parameters"]!["path"]!.GetValue<string>().ShouldBe($"/api/clinics/{clinic}/sessions");
        filtered["status"]!.GetValue<int>().ShouldBe(200);
        filtered["rows"]!.GetValue<int>().ShouldBe(0);
        entries.ShouldContain(e => e["route"]!.GetValue<string>() == "/api/clinics/{clinicId}/sessions" && e["rows"]!.GetValue<int>() == 1);
        entries.ShouldContain(e => e["route"]!.GetValue<string>() == "/api/sessions/{sessionId}" && e["rows"]!.GetValue<int>() > 1);
        entries.ShouldContain(e => e["route"]!.GetValue<string>() == "/api/clinics/{clinicId}/findings" && e["status"]!.GetValue<int>() == 403 && e["caller"]!.GetValue<string>().StartsWith("producer:"));
        string.Concat(entries.Select(e => e.ToJsonString())).ShouldNotContain(session.Script.PatientRef);

        using var auditorReadingTheLog = await fixture.Host.Client(TestKeys.Auditor).GetAsync($"/api/access-log?date={DateTimeOffset.UtcNow:yyyy-MM-dd}", Ct);
        auditorReadingTheLog.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AlertAndSilenceReadsAreLoggedToo()
    {
        var clinic = AuditFixture.NewClinic();
        (await fixture.Host.Client(TestKeys.OnCall).GetAsync($"/api/alerts?clinicId={clinic}", Ct)).Dispose();
        (await fixture.Host.Client(TestKeys.Auditor).GetAsync($"/api/silences?clinicId={clinic}", Ct)).Dispose();

        var entries = await LogEntriesAsync(fixture.Host.Client(TestKeys.Admin), e => e["parameters"]!["query"]!["clinicId"]?.GetValue<string>() == clinic);

        entries.ShouldContain(e => e["route"]!.GetValue<string>() == "/api/alerts" && e["caller"]!.GetValue<string>().StartsWith("oncall:", StringComparison.Ordinal) && e["status"]!.GetValue<int>() == 200);
        entries.ShouldContain(e => e["route"]!.GetValue<string>() == "/api/silences" && e["role"]!.GetValue<string>() == "auditor");
    }

    [Fact]
    public async Task AnEntraPrincipalIsTrustedOnlyWhenAppServiceAuthenticationIsEnabled()
    {
        await using var trusting = await TestHost.StartAsync(settings: new Dictionary<string, string?> { ["InfusionAudit:AppServiceAuth:Enabled"] = "true", ["LocalHost:Clock"] = "off" });
        var url = $"/api/clinics/c1/sessions?{Range}";
        var oid = Guid.NewGuid().ToString();

        using var auditor = await SendAsync(trusting, url, Principal("InfusionAudit.Auditor"), oid);
        using var onCallOnly = await SendAsync(trusting, url, Principal("InfusionAudit.OnCall"), oid);
        using var twoRoles = await SendAsync(trusting, url, Principal("InfusionAudit.OnCall", "InfusionAudit.Auditor"), oid);
        using var noKnownRole = await SendAsync(trusting, url, Principal("Something.Else"), oid);
        using var garbage = await SendAsync(trusting, url, "not base64 at all", oid);
        using var ignored = await SendAsync(fixture.Host, url, Principal("InfusionAudit.Admin"), oid);

        auditor.StatusCode.ShouldBe(HttpStatusCode.OK);
        onCallOnly.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        twoRoles.StatusCode.ShouldBe(HttpStatusCode.OK);
        noKnownRole.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        garbage.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        ignored.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "a host not behind App Service authentication must not trust the header");

        var entries = await LogEntriesAsync(trusting.Client(TestKeys.Admin), e => e["caller"]!.GetValue<string>().Contains(oid, StringComparison.Ordinal));
        entries.ShouldContain(e => e["caller"]!.GetValue<string>() == "entra:" + oid && e["status"]!.GetValue<int>() == 200);
    }

    private static string Principal(params string[] roles)
    {
        var claims = new JsonArray([.. roles.Select(r => (JsonNode)new JsonObject { ["typ"] = "roles", ["val"] = r })]);
        claims.Add(new JsonObject { ["typ"] = "name", ["val"] = "auditor@example.org" });
        var principal = new JsonObject { ["auth_typ"] = "aad", ["name_typ"] = "name", ["role_typ"] = "roles", ["claims"] = claims };
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(principal.ToJsonString()));
    }

    private static async Task<HttpResponseMessage> SendAsync(TestHost host, string url, string principal, string oid)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("X-MS-CLIENT-PRINCIPAL", principal);
        request.Headers.Add("X-MS-CLIENT-PRINCIPAL-ID", oid);
        return await host.Client(null).SendAsync(request, Ct);
    }

    private static async Task<List<JsonNode>> LogEntriesAsync(HttpClient admin, Func<JsonNode, bool> select)
    {
        var found = new List<JsonNode>();
        foreach (var day in new[] { DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow }.Select(d => d.ToString("yyyy-MM-dd")).Distinct())
        {
            string? token = null;
            do
            {
                var page = JsonNode.Parse(await admin.GetStringAsync($"/api/access-log?date={day}&pageSize=1000" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token)), Ct))!;
                found.AddRange(page["items"]!.AsArray().Select(i => i!).Where(select));
                token = page["continuationToken"]?.GetValue<string>();
            }
            while (token is not null);
        }

        return found;
    }
}
