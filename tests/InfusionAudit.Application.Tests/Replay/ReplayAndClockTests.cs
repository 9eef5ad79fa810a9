using System.Net;
using System.Text.Json.Nodes;
using InfusionAudit.Application.Clock;
using InfusionAudit.Application.Sessions;
using InfusionAudit.Application.Ports.Sessions;
using InfusionAudit.Infrastructure.Storage.Sessions;
using InfusionAudit.Testing;

namespace InfusionAudit.Application.Tests.Replay;

public sealed class ReplayAndClockTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReplayReproducesTheStoredFindingsAndShowsWhatAnotherProtocolVersionWouldHaveFound()
    {
        var protocols = ProtocolsWithATighterVersion2();
        await using var host = await TestHost.StartAsync(settings: new Dictionary<string, string?> { ["InfusionAudit:ProtocolsPath"] = protocols });
        var script = new SessionScript();
        await host.Ingest.HandleAsync(SessionScript.Batch(script.StandardIvSession()), new("queue", "m-" + Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow), Ct);
        var auditor = host.Client(TestKeys.Auditor);

        var asStored = JsonNode.Parse(await auditor.GetStringAsync($"/api/sessions/{script.SessionId}/replay", Ct))!;
        var underVersion1 = JsonNode.Parse(await auditor.GetStringAsync($"/api/sessions/{script.SessionId}/replay?protocolVersion=1", Ct))!;

        asStored["reproduced"]!.GetValue<bool>().ShouldBeTrue();
        asStored["storedProtocolVersion"]!.GetValue<int>().ShouldBe(2);
        asStored["unchanged"]!.AsArray().ShouldContain(f => f!["ruleId"]!.GetValue<string>() == "DOSE-PRESCRIBED-SOFT");
        underVersion1["reproduced"]!.GetValue<bool>().ShouldBeFalse();
        underVersion1["replayedProtocolVersion"]!.GetValue<int>().ShouldBe(1);
        underVersion1["removed"]!.AsArray().Select(f => f!["ruleId"]!.GetValue<string>()).ShouldContain("DOSE-PRESCRIBED-SOFT");
    }

    [Fact]
    public async Task ReplayRefusesAnUnknownVersionAndAnswers404ForAnUnknownSessionAnd403ForAProducer()
    {
        await using var host = await TestHost.StartAsync();
        var script = new SessionScript();
        await host.Ingest.HandleAsync(script.Started().ToJsonString(), new("queue", "m-" + Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow), Ct);

        using var unknownVersion = await host.Client(TestKeys.Auditor).GetAsync($"/api/sessions/{script.SessionId}/replay?protocolVersion=99", Ct);
        using var badVersion = await host.Client(TestKeys.Auditor).GetAsync($"/api/sessions/{script.SessionId}/replay?protocolVersion=one", Ct);
        using var unknownSession = await host.Client(TestKeys.Auditor).GetAsync("/api/sessions/nobody-" + Guid.NewGuid().ToString("N") + "/replay", Ct);
        using var producer = await host.Client(TestKeys.Producer).GetAsync($"/api/sessions/{script.SessionId}/replay", Ct);

        unknownVersion.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unknownVersion.Content.ReadAsStringAsync(Ct)).ShouldContain("protocolVersion");
        badVersion.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        unknownSession.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        producer.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task TheClockRaisesSessionOverdueWithoutAnyNewEvent()
    {
        await using var host = await TestHost.StartAsync(settings: new Dictionary<string, string?> { ["LocalHost:Clock"] = "off" });
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var script = new SessionScript { Start = now.AddMinutes(-60) };
        await host.Ingest.HandleAsync(SessionScript.Batch([script.Started(), script.Rate(TimeSpan.FromMinutes(1), 52.5), script.Vitals(TimeSpan.FromMinutes(55))]), new("queue", "m-" + Guid.NewGuid().ToString("N"), now), Ct);
        var before = await host.Get<SessionQueryHandler>().GetAsync(script.SessionId, Ct);
        before!.Findings.ShouldNotContain(f => f.RuleId == "SESSION-OVERDUE");

        // Planned 40 min + 30 min grace: overdue 70 min after the start, i.e. 10 min from now. The clock runs at +15 min.
        await TickOnOwnSessionAsync(host, script, now.AddMinutes(15));

        var after = await host.Get<SessionQueryHandler>().GetAsync(script.SessionId, Ct);
        var overdue = after!.Findings.Where(f => f.RuleId == "SESSION-OVERDUE").ShouldHaveSingleItem();
        overdue.Severity.ShouldBe("warning");
        overdue.DetectedAt.ShouldBe(script.Start.AddMinutes(70));
        overdue.TriggerEventId.ShouldBeNull();
    }

    [Fact]
    public async Task TheClockRaisesTheProjectedOverDeliveryOfAPumpRunningOnWithoutEvents()
    {
        await using var host = await TestHost.StartAsync(settings: new Dictionary<string, string?> { ["LocalHost:Clock"] = "off" });
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var script = new SessionScript { Start = now.AddMinutes(-10) };
        var receivedAt = script.Start.AddMinutes(5).AddSeconds(2);
        await host.Ingest.HandleAsync(SessionScript.Batch([script.Started(), script.Rate(TimeSpan.FromMinutes(1), 52.5), script.Vitals(TimeSpan.FromMinutes(5))]), new("queue", "m-" + Guid.NewGuid().ToString("N"), receivedAt), Ct);
        var before = await host.Get<SessionQueryHandler>().GetAsync(script.SessionId, Ct);
        before!.Findings.ShouldNotContain(f => f.RuleId == "DOSE-OVER-DELIVERY");

        // 35 mg prescribed, limit 38.5 mg, 52.5 mg/h from minute 1: crossed at minute 45 of the pump's clock, 2 s behind the backend's.
        await TickOnOwnSessionAsync(host, script, script.Start.AddMinutes(50));

        var after = await host.Get<SessionQueryHandler>().GetAsync(script.SessionId, Ct);
        var over = after!.Findings.Where(f => f.RuleId == "DOSE-OVER-DELIVERY").ShouldHaveSingleItem();
        over.Severity.ShouldBe("critical");
        over.DetectedAt.ShouldBe(script.Start.AddMinutes(45).AddSeconds(2));
        over.Evidence.ShouldContain("projected at");
        over.TriggerEventId.ShouldBeNull();
    }

    private static string ProtocolsWithATighterVersion2()
    {
        var folder = Path.Combine(Path.GetTempPath(), "protocols-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "protocols"), "*.json"))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        var v2 = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "ketamine-iv-depression.v1.json")))!;
        v2["version"] = 2;
        v2["doseMgPerKg"]!["soft"] = new JsonObject { ["min"] = 0.2, ["max"] = 0.4 };
        File.WriteAllText(Path.Combine(folder, "ketamine-iv-depression.v2.json"), v2.ToJsonString());
        return folder;
    }

    /// <summary>
    /// One clock tick ahead of real time, limited to this test's session: the tick's work for one open session
    /// (<see cref="SessionClockHandler"/> refreshes every session the directory lists as open). A whole tick would judge the
    /// open sessions of every other test class sharing this Azurite at a time that has not come yet (it made
    /// PartialWriteTests' mid-flight session raise timer findings its clean run never had).
    /// </summary>
    private static async Task TickOnOwnSessionAsync(TestHost host, SessionScript script, DateTimeOffset at)
    {
        var open = await host.Get<SessionDirectory>().OpenSessionsAsync(Ct);
        open.ShouldContain(new OpenSession(script.SessionId, script.ClinicId), "the clock check lists the session as open");
        await host.Get<SessionCommitter>().RefreshAsync(script.ClinicId, script.SessionId, at, Ct);
    }
}
