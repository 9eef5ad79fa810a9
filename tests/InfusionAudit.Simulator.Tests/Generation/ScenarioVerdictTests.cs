using InfusionAudit.Domain.Findings;
using InfusionAudit.Simulator.Generation;
using InfusionAudit.Simulator.Load;
using Shouldly;
using Xunit;
using static InfusionAudit.Simulator.Tests.SimulatorTestData;

namespace InfusionAudit.Simulator.Tests.Generation;

/// <summary>What the real session engine makes of each scenario (docs/simulator.md, "expected at the backend").</summary>
public sealed class ScenarioVerdictTests
{
    /// <summary>Each scenario and the warnings and criticals it is built to raise (none for the clean ones).</summary>
    public static TheoryData<Scenario, string[]> Intended => new()
    {
        { Scenario.StandardIv, [] },
        { Scenario.Intranasal, [] },
        { Scenario.Subcutaneous, [] },
        { Scenario.WrongRate, ["DOSE-OVER-DELIVERY", "RATE-DEVIATION"] },
        { Scenario.FastInfusion, ["DURATION-HARD", "RATE-DEVIATION"] },
        { Scenario.HypertensiveCrisis, ["VITALS-BP-CRITICAL", "VITALS-BP-HIGH", "SESSION-STOPPED-AE"] },
        { Scenario.SevereAdverseEffect, ["AE-SEVERE", "SESSION-STOPPED-AE"] },
        { Scenario.PumpMismatch, ["DOSE-PUMP-MISMATCH"] },
        { Scenario.LongPause, ["PAUSE-LONG"] },
        { Scenario.ShortObservation, ["OBSERVATION-SHORT"] },
        { Scenario.Duplicates, [] },
        { Scenario.Reordering, [] },
        { Scenario.BadFields, [] },
        { Scenario.PumpRunsOn, ["DOSE-OVER-DELIVERY", "DEVICE-SILENT", "SESSION-OVERDUE"] },
        { Scenario.PumpClock1970, ["CLOCK-IMPLAUSIBLE", "DOSE-NOT-COMPUTABLE"] },
        { Scenario.CriticalAtCompletion, ["VITALS-SPO2-CRITICAL"] },
    };

    public static TheoryData<Scenario> AllScenarios => [.. Enum.GetValues<Scenario>()];

    [Theory]
    [MemberData(nameof(Intended))]
    public void WithoutStreamingEachScenarioRaisesItsIntendedFindings(Scenario scenario, string[] intended) =>
        ShouldRaise(Only(scenario, sessions: 12), intended);

    [Theory]
    [MemberData(nameof(Intended))]
    public void WithAMonitorEveryMinuteEachScenarioStillRaisesItsIntendedFindings(Scenario scenario, string[] intended) =>
        ShouldRaise(Streamed(scenario, sessions: 12), intended);

    [Theory]
    [MemberData(nameof(AllScenarios))]
    public void StreamingNeitherAddsNorRemovesAFinding(Scenario scenario)
    {
        // Six sessions on six chairs: the same stories with and without the stream, one to one.
        var plain = Only(scenario, sessions: 6);
        var streamed = Streamed(scenario, sessions: 6, seconds: 30);

        for (var i = 0; i < plain.Count; i++)
        {
            Verdict(streamed[i]).ShouldBe(Verdict(plain[i]), streamed[i].SessionId);
        }
    }

    [Fact]
    public void TheLoadGeneratorsStreamedSessionsAreClean()
    {
        var options = new LoadOptions { Events = 5_000, Start = DayStart, RunId = "ld1.", MonitorEvery = TimeSpan.FromSeconds(60) };

        foreach (var session in LoadRunner.GenerateSessions(options))
        {
            EngineVerdict.Warnings(session).ShouldBeEmpty(session.SessionId);
        }
    }

    private static void ShouldRaise(List<GeneratedSession> sessions, string[] intended)
    {
        foreach (var session in sessions)
        {
            var findings = EngineVerdict.Findings(session);
            var warnings = EngineVerdict.Warnings(session);
            if (intended.Length == 0)
            {
                warnings.ShouldBeEmpty(session.SessionId);
                findings.ShouldAllBe(f => f.Severity == Severity.Info && f.RuleId == "AE-REPORTED"); // a mild nausea or dissociation
            }
            else
            {
                intended.ShouldBeSubsetOf(warnings, session.SessionId);
            }
        }
    }

    private static List<string> Verdict(GeneratedSession session) =>
        [.. EngineVerdict.Findings(session).Select(f => $"{f.RuleId}:{f.Severity}").Distinct().Order(StringComparer.Ordinal)];
}
