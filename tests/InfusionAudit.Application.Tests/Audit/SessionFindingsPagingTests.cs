using System.Net;
using System.Text.Json.Nodes;
using InfusionAudit.Testing;

namespace InfusionAudit.Application.Tests.Audit;

/// <summary>
/// Issue 11 item 9: the findings of <c>GET /api/sessions/{id}</c> and the time line and findings of its
/// <c>/timeline</c> are paged like the events: one finding per episode, so a session of alternating readings has thousands.
/// </summary>
public sealed class SessionFindingsPagingTests(AuditFixture fixture) : IClassFixture<AuditFixture>
{
    private const int ImplausibleReadings = 7;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheFindingsOfASessionArePagedInDetectionOrderAndTheirPagesAddUpToTheWhole()
    {
        var script = await SessionWithManyFindingsAsync();
        using var client = fixture.Host.Client(TestKeys.Auditor);
        var whole = await GetAsync(client, $"/api/sessions/{script.SessionId}?findingsLimit=5000");
        var all = whole["findings"]!.AsArray().Select(Key).ToList();
        all.Count(k => k.StartsWith("VITALS-IMPLAUSIBLE|", StringComparison.Ordinal)).ShouldBe(ImplausibleReadings);
        whole["findingCount"]!.GetValue<int>().ShouldBe(all.Count);
        whole["nextFindingsFrom"].ShouldBeNull();

        var paged = new List<string>();
        int? from = 0;
        var pages = 0;
        while (from is { } next)
        {
            var page = await GetAsync(client, $"/api/sessions/{script.SessionId}?findingsLimit=3&findingsFrom={next}");
            page["findingCount"]!.GetValue<int>().ShouldBe(all.Count);
            page["findings"]!.AsArray().Count.ShouldBe(Math.Min(3, all.Count - next));
            paged.AddRange(page["findings"]!.AsArray().Select(Key));
            from = page["nextFindingsFrom"]?.GetValue<int>();
            pages++;
        }

        paged.ShouldBe(all);
        pages.ShouldBe((all.Count + 2) / 3);
    }

    [Fact]
    public async Task TheTimeLineAndItsFindingsArePagedIndependently()
    {
        var script = await SessionWithManyFindingsAsync();
        using var client = fixture.Host.Client(TestKeys.Auditor);
        var whole = await GetAsync(client, $"/api/sessions/{script.SessionId}/timeline?timelineLimit=5000&findingsLimit=5000");
        var items = whole["timeline"]!.AsArray().Select(i => i!.ToJsonString()).ToList();
        var findings = whole["findings"]!.AsArray().Select(Key).ToList();
        whole["timelineCount"]!.GetValue<int>().ShouldBe(items.Count);
        whole["findingCount"]!.GetValue<int>().ShouldBe(findings.Count);

        var first = await GetAsync(client, $"/api/sessions/{script.SessionId}/timeline?timelineLimit=4&findingsLimit=2");
        first["timeline"]!.AsArray().Select(i => i!.ToJsonString()).ShouldBe(items.Take(4));
        first["nextTimelineFrom"]!.GetValue<int>().ShouldBe(4);
        first["findings"]!.AsArray().Select(Key).ShouldBe(findings.Take(2));
        first["nextFindingsFrom"]!.GetValue<int>().ShouldBe(2);
        first["alerts"]!.AsArray().Count.ShouldBe(whole["alerts"]!.AsArray().Count);

        var last = await GetAsync(client, $"/api/sessions/{script.SessionId}/timeline?timelineFrom={items.Count - 1}&timelineLimit=4&findingsFrom={findings.Count - 1}");
        last["timeline"]!.AsArray().Select(i => i!.ToJsonString()).ShouldBe(items.Skip(items.Count - 1));
        last["nextTimelineFrom"].ShouldBeNull();
        last["findings"]!.AsArray().Select(Key).ShouldBe(findings.Skip(findings.Count - 1));
        last["nextFindingsFrom"].ShouldBeNull();
    }

    [Theory]
    [InlineData("findingsLimit=0", "findingsLimit")]
    [InlineData("findingsLimit=5001", "findingsLimit")]
    [InlineData("findingsFrom=-1", "findingsFrom")]
    [InlineData("timelineLimit=x", "timelineLimit")]
    public async Task AnOutOfRangePageIsRefusedWithTheParameterNamed(string query, string parameter)
    {
        var script = await SessionWithManyFindingsAsync();
        using var client = fixture.Host.Client(TestKeys.Auditor);
        var route = parameter.StartsWith("timeline", StringComparison.Ordinal) ? "/timeline" : "";

        using var response = await client.GetAsync($"/api/sessions/{script.SessionId}{route}?{query}", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain(parameter);
    }

    /// <summary>A session with a start, a rate, <see cref="ImplausibleReadings"/> heart rates of 300 and an end: one finding per reading.</summary>
    private async Task<SessionScript> SessionWithManyFindingsAsync()
    {
        var script = new SessionScript("S-paging-" + Guid.NewGuid().ToString("N")[..8]);
        var events = new List<JsonObject> { script.Started(), script.Rate(TimeSpan.FromMinutes(1), 35) };
        events.AddRange(Enumerable.Range(0, ImplausibleReadings).Select(i => script.Vitals(TimeSpan.FromMinutes(2 + (i * 4)), heartRate: 300)));
        events.Add(script.Ended(TimeSpan.FromMinutes(41)));
        var result = await fixture.IngestAsync(events, script.Start + TimeSpan.FromMinutes(42));
        result.Rejected.ShouldBe(0);
        return script;
    }

    private static string Key(JsonNode? finding) =>
        $"{finding!["ruleId"]!.GetValue<string>()}|{finding["episodeKey"]!.GetValue<string>()}|{finding["detectedAt"]!.GetValue<string>()}";

    private static async Task<JsonNode> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonNode.Parse(body)!;
    }
}
