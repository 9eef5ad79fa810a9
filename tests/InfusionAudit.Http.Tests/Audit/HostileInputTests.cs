using InfusionAudit.Testing;
using System.Net;
using System.Text.Json.Nodes;

namespace InfusionAudit.Http.Tests.Audit;

/// <summary>
/// OData injection and malformed input in every parameter of every audit route: each is refused as a problem naming
/// the parameter, or (when it happens to be a legal value) matched literally so that no other clinic's row comes back.
/// </summary>
public sealed class HostileInputTests(AuditFixture fixture) : IClassFixture<AuditFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset Aug1 = new(2025, 8, 1, 8, 0, 0, TimeSpan.Zero);

    private static readonly string[] Payloads =
    [
        "'",
        "x' or '1' eq '1",
        "x') or (PartitionKey ne '",
        "x or true",
        " eq ",
        "x%27%20or%20%271%27%20eq%20%271",
        "\u02bc or \u2019\u2019 eq \u2019",
        "ü",
        "\u0000",
        "<script>",
        "=cmd|' /C calc'!A0",
        new string('a', 300),
    ];

    private static readonly string[] Routes =
    [
        "/api/clinics/{clinic}/sessions?from=2025-08-01&to=2025-08-02",
        "/api/clinics/{clinic}/findings?from=2025-08-01&to=2025-08-02",
        "/api/clinics/{clinic}/rejected?from=2025-08-01&to=2025-08-02",
        "/api/clinics/{clinic}/compliance-report?from=2025-08-01&to=2025-08-02",
        "/api/access-log?date=2025-08-01",
    ];

    private string victim = "";
    private string victimSession = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<int, string> QueryCases()
    {
        var data = new TheoryData<int, string>();
        for (var route = 0; route < Routes.Length; route++)
        {
            var names = Routes[route].Contains("access-log", StringComparison.Ordinal)
                ? new[] { "date", "pageSize", "continuationToken", "format" }
                : Routes[route].Contains("compliance-report", StringComparison.Ordinal)
                    ? new[] { "from", "to" }
                    : Routes[route].Contains("sessions", StringComparison.Ordinal)
                        ? new[] { "from", "to", "status", "protocolId", "minSeverity", "pageSize", "continuationToken", "format" }
                        : Routes[route].Contains("findings", StringComparison.Ordinal)
                            ? new[] { "from", "to", "ruleId", "severity", "minSeverity", "includeRetracted", "pageSize", "continuationToken", "format" }
                            : new[] { "from", "to", "pageSize", "continuationToken", "format" };
            foreach (var name in names)
            {
                data.Add(route, name);
            }
        }

        return data;
    }

    public async ValueTask InitializeAsync()
    {
        victim = AuditFixture.NewClinic("victim");
        victimSession = (await fixture.IngestAsync(AuditSession.Overdose(victim, Aug1))).SessionId;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Theory]
    [MemberData(nameof(QueryCases))]
    public async Task EveryHostileValueOfAQueryParameterIsRefusedNamingIt(int route, string name)
    {
        var client = fixture.Host.Client(TestKeys.Admin);
        foreach (var payload in Payloads)
        {
            var url = WithParameter(Routes[route].Replace("{clinic}", "attacker", StringComparison.Ordinal), name, payload);

            using var response = await client.GetAsync(url, Ct);

            await ProblemAnswers.ShouldNameAsync(response, name);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task EveryHostileClinicIdIsRefusedAndALegalLookalikeMatchesNothing(int route)
    {
        var client = fixture.Host.Client(TestKeys.Admin);
        foreach (var payload in Payloads.Append(victim + "' or '1' eq '1"))
        {
            using var response = await client.GetAsync(Routes[route].Replace("{clinic}", Uri.EscapeDataString(payload), StringComparison.Ordinal), Ct);
            if (response.StatusCode == HttpStatusCode.NotFound || (response.StatusCode == HttpStatusCode.BadRequest && response.Content.Headers.ContentType is null))
            {
                continue; // refused before routing: a '/' splits the path, Kestrel refuses a NUL
            }

            await ProblemAnswers.ShouldNameAsync(response, "clinicId");
        }

        foreach (var lookalike in new[] { "eq", "or", victim[..^1], victim + "0", victim.ToUpperInvariant() })
        {
            var text = await client.GetStringAsync(Routes[route].Replace("{clinic}", lookalike, StringComparison.Ordinal), Ct);
            text.ShouldNotContain(victimSession, Case.Sensitive);
            var answer = JsonNode.Parse(text)!;
            (answer["count"] ?? answer["sessions"]!["total"])!.GetValue<int>().ShouldBe(0);
        }
    }

    [Fact]
    public async Task LegalFilterValuesThatLookLikeODataMatchLiterally()
    {
        var client = fixture.Host.Client(TestKeys.Auditor);
        foreach (var protocol in new[] { "eq", "x-or-1", "ketamine-iv-depression'", "ketamine-iv-depression" })
        {
            using var response = await client.GetAsync($"/api/clinics/{victim}/sessions?from=2025-08-01&to=2025-08-01&protocolId={Uri.EscapeDataString(protocol)}", Ct);
            if (protocol.EndsWith('\''))
            {
                await ProblemAnswers.ShouldNameAsync(response, "protocolId");
                continue;
            }

            var count = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["count"]!.GetValue<int>();
            count.ShouldBe(protocol == "ketamine-iv-depression" ? 1 : 0, protocol);
        }
    }

    [Fact]
    public async Task UnknownRepeatedAndReversedParametersAreRefused()
    {
        var client = fixture.Host.Client(TestKeys.Auditor);

        using var unknown = await client.GetAsync($"/api/clinics/{victim}/sessions?from=2025-08-01&to=2025-08-01&$filter=true", Ct);
        using var repeated = await client.GetAsync($"/api/clinics/{victim}/sessions?from=2025-08-01&to=2025-08-01&status=ended&status=running", Ct);
        using var reversed = await client.GetAsync($"/api/clinics/{victim}/sessions?from=2025-08-02&to=2025-08-01", Ct);
        using var tooLong = await client.GetAsync($"/api/clinics/{victim}/sessions?from=2024-01-01&to=2025-01-01", Ct);
        using var missing = await client.GetAsync($"/api/clinics/{victim}/sessions?to=2025-08-01", Ct);
        using var hugePage = await client.GetAsync($"/api/clinics/{victim}/sessions?from=2025-08-01&to=2025-08-01&pageSize=1001", Ct);
        using var yearOk = await client.GetAsync($"/api/clinics/{victim}/sessions?from=2024-01-01&to=2024-12-31", Ct);

        await ProblemAnswers.ShouldNameAsync(unknown, "$filter");
        await ProblemAnswers.ShouldNameAsync(repeated, "status");
        await ProblemAnswers.ShouldNameAsync(reversed, "to");
        await ProblemAnswers.ShouldNameAsync(tooLong, "to");
        await ProblemAnswers.ShouldNameAsync(missing, "from");
        await ProblemAnswers.ShouldNameAsync(hugePage, "pageSize");
        yearOk.StatusCode.ShouldBe(HttpStatusCode.OK, "366 days (a leap year) is the longest range");
    }

    private static string WithParameter(string url, string name, string value)
    {
        var (path, query) = (url[..url.IndexOf('?', StringComparison.Ordinal)], url[(url.IndexOf('?', StringComparison.Ordinal) + 1)..]);
        var pairs = query.Split('&').Where(p => !p.StartsWith(name + "=", StringComparison.Ordinal)).Append($"{name}={Uri.EscapeDataString(value)}");
        return path + "?" + string.Join('&', pairs);
    }
}
