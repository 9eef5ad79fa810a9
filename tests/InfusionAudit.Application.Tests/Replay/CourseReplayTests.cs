using System.Text.Json.Nodes;
using InfusionAudit.Application.Ingestion;
using InfusionAudit.Testing;

namespace InfusionAudit.Application.Tests.Replay;

/// <summary>
/// Issue 13, "replay against protocol versions covers the course rules": a session replayed against another protocol
/// version is judged with the patient history stored with it (the other sessions of its patient, their weights,
/// prescriptions and delivered doses), so <c>COURSE-FREQUENCY</c>, <c>COURSE-CUMULATIVE</c>, <c>DOSE-ESCALATION</c> and
/// <c>WEIGHT-CHANGED</c> are judged again under that version's course parameters. Real HTTP on Azurite; version 2 of the
/// IV protocol is a test file with tighter course and weight limits (3 → 2 sessions a week, step 0.25 → 0.1 mg/kg,
/// 2 → 1 mg/kg a week, weight change 10 → 5 %); the host judges new sessions against it, the latest.
/// </summary>
public sealed class CourseReplayTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReplayJudgesTheCourseRulesWithThePatientsStoredHistoryUnderTheChosenVersion()
    {
        await using var host = await TestHost.StartAsync(settings: new Dictionary<string, string?> { ["InfusionAudit:ProtocolsPath"] = ProtocolsWithATighterCourseVersion2() });
        var patientRef = "MRN-" + Guid.NewGuid().ToString("N")[..10];
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

        // Four IV sessions in 3 days, each delivered in full: 0.5, 0.5, then 0.8 mg/kg at 80 kg instead of 70, twice.
        var plan = new (double DaysAgo, double Kg, double MgPerKg)[] { (3.2, 70, 0.5), (2.1, 70, 0.5), (1.05, 80, 0.8), (0.02, 80, 0.8) };
        var sessions = plan.Select(p => new SessionScript { Start = now.AddDays(-p.DaysAgo).AddMinutes(-50), PatientRef = patientRef }).ToList();
        for (var i = 0; i < plan.Length; i++)
        {
            var result = await host.Ingest.HandleAsync(
                SessionScript.Batch(Session(sessions[i], plan[i].Kg, plan[i].MgPerKg)), new IngestContext("queue", "m-" + Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow), Ct);
            result.Rejected.ShouldBe(0);
        }

        var auditor = host.Client(TestKeys.Auditor);
        async Task<JsonNode> ReplayAsync(SessionScript s, string query = "") =>
            JsonNode.Parse(await auditor.GetStringAsync($"/api/sessions/{s.SessionId}/replay{query}", Ct))!;

        // The third session: under version 2 (as stored) all four rules; under version 1 the escalation and the weight
        // change with version 1's limits, and neither course rule (3 sessions and 1.8 mg/kg in 7 days are within it).
        var thirdStored = await ReplayAsync(sessions[2]);
        thirdStored["reproduced"]!.GetValue<bool>().ShouldBeTrue(thirdStored.ToJsonString());
        new[] { "COURSE-FREQUENCY", "COURSE-CUMULATIVE", "DOSE-ESCALATION", "WEIGHT-CHANGED" }.Except(RuleIds(thirdStored["unchanged"]!)).ShouldBeEmpty();
        var third = await ReplayAsync(sessions[2], "?protocolVersion=1");
        third["replayedProtocolVersion"]!.GetValue<int>().ShouldBe(1);
        RuleIds(third["removed"]!).ShouldBe(["COURSE-CUMULATIVE", "COURSE-FREQUENCY"], ignoreOrder: true);
        var escalation = Changed(third, "DOSE-ESCALATION");
        Value(escalation["stored"]!, "maxStepMgPerKg").ShouldBe(0.1);
        Value(escalation["replayed"]!, "maxStepMgPerKg").ShouldBe(0.25);
        Value(escalation["replayed"]!, "previousMgPerKg").ShouldBe(0.5); // the previous session's prescription, from the stored history
        escalation["replayed"]!["episodeKey"]!.GetValue<string>().ShouldBe(sessions[1].SessionId);
        var weight = Changed(third, "WEIGHT-CHANGED");
        weight["stored"]!["evidence"]!.GetValue<string>().ShouldEndWith("(limit 5 %)");
        weight["replayed"]!["evidence"]!.GetValue<string>().ShouldEndWith("(limit 10 %)");
        Value(weight["replayed"]!, "previousWeightKg").ShouldBe(70);

        // The fourth session: both course rules under both versions, with each version's limit; the sums and counts
        // come from the stored history (the three earlier sessions and their delivered doses).
        var fourthStored = await ReplayAsync(sessions[3]);
        fourthStored["reproduced"]!.GetValue<bool>().ShouldBeTrue(fourthStored.ToJsonString());
        var fourth = await ReplayAsync(sessions[3], "?protocolVersion=1");
        RuleIds(fourth["removed"]!).ShouldBeEmpty();
        RuleIds(fourth["added"]!).ShouldBeEmpty();
        var frequency = Changed(fourth, "COURSE-FREQUENCY");
        Value(frequency["stored"]!, "maxSessionsPer7Days").ShouldBe(2);
        Value(frequency["replayed"]!, "maxSessionsPer7Days").ShouldBe(3);
        Value(frequency["replayed"]!, "sessionsIn7Days").ShouldBe(4);
        var cumulative = Changed(fourth, "COURSE-CUMULATIVE");
        Value(cumulative["stored"]!, "maxMgPerKgPer7Days").ShouldBe(1);
        Value(cumulative["replayed"]!, "maxMgPerKgPer7Days").ShouldBe(2);
        Value(cumulative["replayed"]!, "deliveredMgPerKgIn7Days").ShouldBe(2.6);
        Value(cumulative["replayed"]!, "sessionsIn7Days").ShouldBe(4);
        cumulative["replayed"]!["evidence"]!.GetValue<string>().ShouldContain("2.6 mg/kg of ketamine-iv-depression delivered in 4 session(s)");
    }

    // A standard infusion of mgPerKg at weightKg over 40 min at 1 mg/mL, delivered in full and ended.
    private static List<JsonObject> Session(SessionScript s, double weightKg, double mgPerKg) =>
    [
        s.Vitals(TimeSpan.FromMinutes(-5)),
        s.Event("SessionStarted", TimeSpan.Zero, SessionScript.StandardStart(s.PatientRef, weightKg, mgPerKg)),
        s.Rate(TimeSpan.FromSeconds(30), mgPerKg * weightKg * 60 / 40),
        s.Vitals(TimeSpan.FromMinutes(10)),
        s.Vitals(TimeSpan.FromMinutes(20)),
        s.Vitals(TimeSpan.FromMinutes(30)),
        s.Rate(TimeSpan.FromSeconds(30) + TimeSpan.FromMinutes(40), 0),
        s.PumpTotal(TimeSpan.FromMinutes(41), mgPerKg * weightKg),
        s.Ended(TimeSpan.FromMinutes(45)),
    ];

    private static List<string> RuleIds(JsonNode list) => [.. list.AsArray().Select(f => f!["ruleId"]!.GetValue<string>())];

    private static JsonNode Changed(JsonNode report, string ruleId) =>
        report["changed"]!.AsArray().Single(c => c!["replayed"]!["ruleId"]!.GetValue<string>() == ruleId)!;

    private static double Value(JsonNode finding, string name) => finding["evidenceValues"]![name]!.GetValue<double>();

    private static string ProtocolsWithATighterCourseVersion2()
    {
        var folder = Path.Combine(Path.GetTempPath(), "protocols-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "protocols"), "*.json"))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        var v2 = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "ketamine-iv-depression.v1.json")))!;
        v2["version"] = 2;
        v2["course"] = new JsonObject { ["maxSessionsPer7Days"] = 2, ["maxStepMgPerKg"] = 0.1, ["maxMgPerKgPer7Days"] = 1.0 };
        v2["weightKg"]!["changedAbovePercent"] = 5;
        File.WriteAllText(Path.Combine(folder, "ketamine-iv-depression.v2.json"), v2.ToJsonString());
        return folder;
    }
}
