using System.Globalization;
using System.Text.RegularExpressions;
using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Protocols;
using InfusionAudit.Domain.Sessions;
using InfusionAudit.Domain.Units;
using InfusionAudit.Simulator.Generation;
using Shouldly;
using Xunit;
using static InfusionAudit.Simulator.Tests.SimulatorTestData;

namespace InfusionAudit.Simulator.Tests.Generation;

/// <summary>
/// Issue 14 item 4, clean numbers: every evidence sentence the engine writes over simulated days (every scenario, faults
/// included, monitors streaming, and a multi-week course with its faults) shows each number with at most its unit's
/// clinical decimals (<see cref="ShownPrecision"/>) and never float noise such as <c>63.449999999999996</c>. Pure: the
/// simulator's generators through the real engine, no storage.
/// </summary>
public sealed partial class EvidenceNumbersTests
{
    private static readonly Lazy<ProtocolLibrary> Library = new(() => ProtocolLibrary.LoadFromDirectory(Path.Combine(AppContext.BaseDirectory, "protocols")));

    // Longest unit first, so that "mg/kg/h" is not read as "mg/kg".
    private static readonly Dictionary<string, int> Decimals = new(StringComparer.Ordinal)
    {
        ["mg/kg/h"] = ShownPrecision.MgPerKgPerHour,
        ["mg/kg"] = ShownPrecision.MgPerKg,
        ["mg/mL"] = ShownPrecision.MgPerMl,
        ["mg/h"] = ShownPrecision.MgPerHour,
        ["mL/h"] = ShownPrecision.MlPerHour,
        ["mL"] = ShownPrecision.Ml,
        ["mg"] = ShownPrecision.Mg,
        ["kg"] = ShownPrecision.Kg,
        ["%"] = ShownPrecision.Percent,
        ["mmHg"] = ShownPrecision.Vital,
        ["bpm"] = ShownPrecision.Vital,
        ["/min"] = ShownPrecision.Vital,
        ["h"] = ShownPrecision.Hours,
        ["days"] = ShownPrecision.Days,
        ["×"] = ShownPrecision.Ratio,
    };

    [Fact]
    public void EveryNumberOfEveryEvidenceSentenceOfSimulatedDaysIsAtItsUnitsPrecision()
    {
        var sentences = new List<string>();
        foreach (var seed in new[] { 1, 2, 3, 4 })
        {
            foreach (var session in Day(sessions: 60, seed: seed))
            {
                sentences.AddRange(Judge(session, PatientHistory.Empty).Select(f => f.Evidence));
            }
        }

        foreach (var scenario in new[] { Scenario.StandardIv, Scenario.WrongRate, Scenario.PumpMismatch, Scenario.HypertensiveCrisis })
        {
            foreach (var session in Streamed(scenario, sessions: 10, seed: 5, seconds: 60))
            {
                sentences.AddRange(Judge(session, PatientHistory.Empty).Select(f => f.Evidence));
            }
        }

        var course = new CourseGenerator(new CourseOptions { ClinicId = "crs-01", FirstSession = DayStart, Weeks = 8, Seed = 11, WithFaults = true }).Generate().ToList();
        foreach (var session in course)
        {
            var others = course.Where(o => o.SessionId != session.SessionId).Select(o =>
            {
                var state = SessionEngine.Evaluate(Stored(o), Library.Value, PatientHistory.Empty, End(o)).State;
                return new PriorSession(o.SessionId, o.StartedAt, o.ProtocolId, state.WeightKg, state.PrescribedDoseMg / state.WeightKg, state.DeliveredDoseMgPerKg);
            });
            sentences.AddRange(Judge(session, new PatientHistory([.. others])).Select(f => f.Evidence));
        }

        // The days must have shown numbers of most units, or the scan proves little.
        sentences.Count.ShouldBeGreaterThan(300);
        var units = sentences.SelectMany(s => NumberWithUnit().Matches(s)).Select(m => m.Groups["unit"].Value).ToHashSet();
        new[] { "mg", "mg/kg", "mg/h", "mL/h", "mL", "%", "mmHg", "bpm", "kg" }.Except(units).ShouldBeEmpty();

        var offending = sentences.Where(s => !Clean(s)).Distinct().Take(20).ToList();
        offending.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("delivered 39.4 mg = 0.56 mg/kg vs prescribed 35 mg (+12.5 %, limit +10 %)", true)]
    [InlineData("delivered 63.449999999999996 mg = 0.9 mg/kg", false)]
    [InlineData("prescribed 0.563 mg/kg is outside the soft range 0.5–1 mg/kg", false)]
    [InlineData("programmed 100 mL/h = 0.714 mg/kg/h (50 mg/h) is above the soft maximum 0.7 mg/kg/h", true)]
    [InlineData("SpO2 86.25 % (limit 94 %)", false)]
    public void TheScanTellsCleanNumbersFromNoise(string sentence, bool clean) => Clean(sentence).ShouldBe(clean);

    /// <summary>
    /// True when no number has more decimals than its unit allows, and none, with or without a unit, has more than 3
    /// (only a value shown beside a limit it nearly equals may, and the simulated days have none).
    /// </summary>
    private static bool Clean(string sentence)
    {
        foreach (Match m in AnyNumber().Matches(sentence))
        {
            if (m.Groups["frac"].Length > 3)
            {
                return false;
            }
        }

        foreach (Match m in NumberWithUnit().Matches(sentence))
        {
            if (m.Groups["frac"].Length > Decimals[m.Groups["unit"].Value])
            {
                return false;
            }
        }

        return true;
    }

    private static List<Finding> Judge(GeneratedSession session, PatientHistory history)
    {
        var stored = Stored(session);
        return stored.Count == 0 ? [] : [.. SessionEngine.Evaluate(stored, Library.Value, history, End(session)).Findings];
    }

    private static DateTimeOffset End(GeneratedSession session) => session.Events.Max(e => e.SendAt) + TimeSpan.FromHours(1);

    private static List<StoredEvent> Stored(GeneratedSession session) =>
    [
        .. session.Events
            .SelectMany(e => EventParser.Parse(e.Json).Events.Select(p => (p.Event, e.SendAt)))
            .Where(p => p.Event is not null)
            .Select(p => new StoredEvent(p.Event!, p.SendAt)),
    ];

    // A number that is not part of an id or a time (ids and times hold digits next to letters, '-', ':', 'T' and '.').
    [GeneratedRegex(@"(?<![\w.:-])(?<int>\d+)(?:\.(?<frac>\d+))?(?![\w:-]|\.\d)", RegexOptions.CultureInvariant)]
    private static partial Regex AnyNumber();

    [GeneratedRegex(@"(?<![\w.:-])\d+(?:\.(?<frac>\d+))?\s?(?<unit>mg/kg/h|mg/kg|mg/mL|mg/h|mL/h|mL|mg|kg|%|mmHg|bpm|/min|h|days|×)(?![\w/])", RegexOptions.CultureInvariant)]
    private static partial Regex NumberWithUnit();
}
