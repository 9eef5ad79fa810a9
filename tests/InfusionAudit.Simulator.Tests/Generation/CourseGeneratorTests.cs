using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Protocols;
using InfusionAudit.Domain.Sessions;
using InfusionAudit.Simulator.Generation;
using Shouldly;
using Xunit;
using static InfusionAudit.Simulator.Tests.SimulatorTestData;

namespace InfusionAudit.Simulator.Tests.Generation;

/// <summary>
/// Issue 13 item 3: the simulator's multi-week esketamine course. Each session is judged by the real engine with the
/// patient's other sessions as its history (as the backend has it once all arrived): a clean course raises no warning,
/// and each fault raises the finding it is there for, on the sessions it concerns.
/// </summary>
public sealed class CourseGeneratorTests
{
    private static readonly Lazy<ProtocolLibrary> Library = new(() => ProtocolLibrary.LoadFromDirectory(Path.Combine(AppContext.BaseDirectory, "protocols")));

    private static CourseOptions Options(bool faults) => new() { ClinicId = "crs-01", FirstSession = DayStart, Weeks = 8, Seed = 11, WithFaults = faults };

    [Fact]
    public void TheLabelScheduleIsTwiceWeeklyForFourWeeksThenWeekly()
    {
        var sessions = new CourseGenerator(Options(faults: false)).Generate().ToList();

        sessions.Select(s => (s.StartedAt - DayStart).TotalDays).ShouldBe([0, 3, 7, 10, 14, 17, 21, 24, 28, 35, 42, 49]);
        sessions.Select(s => Payload(Recorded(s)[0])["patientRef"]!.GetValue<string>()).Distinct().Count().ShouldBe(1);
        sessions.Select(s => Recorded(s).OfType("DoseAdministered").Sum(e => Payload(e)["doseMg"]!.GetValue<int>())).ShouldBe([56, .. Enumerable.Repeat(84, 11)]);
    }

    [Fact]
    public void ACleanCourseRaisesNoWarning()
    {
        var sessions = new CourseGenerator(Options(faults: false)).Generate().ToList();

        foreach (var session in sessions)
        {
            Warnings(session, sessions).ShouldBeEmpty(session.SessionId);
        }
    }

    [Fact]
    public void EachFaultRaisesItsFindingOnTheSessionsItConcerns()
    {
        var sessions = new CourseGenerator(Options(faults: true)).Generate().ToList();
        var byDay = sessions.ToDictionary(s => (s.StartedAt - DayStart).TotalDays);
        byDay.Keys.ShouldContain(8); // the extra session

        var expected = new Dictionary<double, string[]>
        {
            [8] = [RuleIds.CourseFrequency], // days 3, 7, 8: three in 7 days of the induction
            [10] = [RuleIds.CourseFrequency], // days 7, 8, 10
            [14] = [RuleIds.CourseFrequency, RuleIds.WeightUnitsSuspect], // days 8, 10, 14; pounds for kilograms
            [17] = [RuleIds.WeightUnitsSuspect, RuleIds.VitalsBp40MinMissing, RuleIds.VitalsMissing], // right again; no pressure 25–55 min
            [21] = [RuleIds.ObservationShort],
        };
        foreach (var (day, session) in byDay)
        {
            Warnings(session, sessions).ShouldBe(expected.GetValueOrDefault(day, []), ignoreOrder: true, $"day {day}");
        }
    }

    private static string[] Warnings(GeneratedSession session, List<GeneratedSession> course)
    {
        var others = course.Where(o => o.SessionId != session.SessionId).Select(o =>
        {
            var state = Judge(o, PatientHistory.Empty).State;
            return new PriorSession(o.SessionId, o.StartedAt, o.ProtocolId, state.WeightKg, state.PrescribedDoseMg / state.WeightKg, state.DeliveredDoseMgPerKg);
        });
        return [.. Judge(session, new PatientHistory([.. others])).Findings.Where(f => f.Severity > Severity.Info).Select(f => f.RuleId).Distinct()];
    }

    private static SessionEvaluation Judge(GeneratedSession session, PatientHistory history)
    {
        var stored = session.Events
            .Select(e => new StoredEvent(EventParser.Parse(e.Json).Events.Single().Event!, e.SendAt))
            .ToList();
        return SessionEngine.Evaluate(stored, Library.Value, history, stored.Max(e => e.ReceivedAt) + TimeSpan.FromHours(1));
    }
}
