using System.Net;
using System.Text.Json.Nodes;
using InfusionAudit.Testing;

namespace InfusionAudit.Http.Tests.Audit;

/// <summary>Issue 14 item 3, through real HTTP: every audit list's CSV carries the same columns, in name, as its JSON items.</summary>
public sealed class ListColumnsTests(AuditFixture fixture) : IClassFixture<AuditFixture>
{
    private static readonly DateTimeOffset Day = new(2025, 9, 9, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryListsCsvHeaderNamesExactlyTheMembersOfItsJsonItems()
    {
        var clinic = AuditFixture.NewClinic("col");
        await fixture.IngestAsync(AuditSession.Overdose(clinic, Day));
        var bad = SessionScript.Event("col-bad", "S-col", clinic, "pump-1", 0, "InfusionRateChanged", Day, new JsonObject { ["rateMlPerHour"] = -1 });
        (await fixture.IngestAsync([bad], Day.AddMinutes(1))).Rejected.ShouldBe(1);
        var auditor = fixture.Host.Client(TestKeys.Auditor);
        var admin = fixture.Host.Client(TestKeys.Admin);
        var today = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd");

        (HttpClient Client, string Path)[] lists =
        [
            (auditor, $"/api/clinics/{clinic}/sessions?from=2025-09-09&to=2025-09-09"),
            (auditor, $"/api/clinics/{clinic}/findings?from=2025-09-09&to=2025-09-09&includeRetracted=true"),
            (auditor, $"/api/clinics/{clinic}/rejected?from=2025-09-09&to=2025-09-09"),
            (admin, $"/api/access-log?date={today}"),
        ];
        foreach (var (client, path) in lists)
        {
            var json = JsonNode.Parse(await Body(client, path))!["items"]!.AsArray();
            json.Count.ShouldBeGreaterThan(0, path);
            var members = json[0]!.AsObject().Select(p => p.Key).ToList();
            var header = (await Body(client, path + "&format=csv")).Split("\r\n")[0].Split(',');
            string.Join(",", header).ShouldBe(string.Join(",", members), $"{path}: the CSV columns are the JSON members, in the same order");
        }
    }

    private static async Task<string> Body(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{path}: {body}");
        return body;
    }
}
