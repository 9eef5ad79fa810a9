using InfusionAudit.Domain.Findings;
using InfusionAudit.Simulator.Generation;
using Shouldly;
using Xunit;
using static InfusionAudit.Simulator.Tests.SimulatorTestData;

namespace InfusionAudit.Simulator.Tests.Generation;

/// <summary>Issue 10.4's simulator scenario: a later session of a patient arriving before the earlier one.</summary>
public sealed class LaterSessionFirstScenarioTests
{
    [Fact]
    public void EachDrawIsAPatientsLaterSessionSentBeforeTheSamePatientsEarlierSessionLessThanADayBefore()
    {
        var sessions = Only(Scenario.LaterSessionFirst, sessions: 10);

        foreach (var pair in sessions.GroupBy(s => s.Index))
        {
            pair.Count().ShouldBe(2);
            var later = pair.Single(s => !s.SessionId.EndsWith("-E", StringComparison.Ordinal));
            var earlier = pair.Single(s => s.SessionId == later.SessionId + "-E");
            Payload(Recorded(earlier)[0])["patientRef"]!.GetValue<string>().ShouldBe(Payload(Recorded(later)[0])["patientRef"]!.GetValue<string>());
            (later.StartedAt - earlier.StartedAt).ShouldBeInRange(TimeSpan.FromHours(16), TimeSpan.FromHours(22));
            earlier.Events.Min(e => e.SendAt).ShouldBeGreaterThan(later.Events.Max(e => e.SendAt), "the earlier session arrives after the later one");

            // Judged with all of the patient's sessions known: the later carries PATIENT-INTERVAL, the earlier nothing above info.
            EngineVerdict.Findings(later).ShouldContain(f => f.RuleId == "PATIENT-INTERVAL" && f.EpisodeKey == earlier.SessionId && f.Severity == Severity.Warning);
            EngineVerdict.Warnings(earlier).ShouldBeEmpty();
        }
    }
}
