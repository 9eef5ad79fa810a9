using System.Text.Json.Nodes;
using InfusionAudit.Simulator.Generation;
using Shouldly;
using Xunit;
using static InfusionAudit.Simulator.Tests.SimulatorTestData;

namespace InfusionAudit.Simulator.Tests.Generation;

public sealed class MonitorStreamTests
{
    // 60 s ± 10 % jitter.
    private static readonly TimeSpan LongestStep = TimeSpan.FromSeconds(66);

    public static TheoryData<Scenario> AllScenarios => [.. Enum.GetValues<Scenario>()];

    public static TheoryData<Scenario> CleanScenarios => [Scenario.StandardIv, Scenario.Intranasal, Scenario.Subcutaneous];

    [Theory]
    [MemberData(nameof(CleanScenarios))]
    public void AMonitorEveryMinuteGivesCleanSessionsAtLeastFortyEventsNumberedWithoutGaps(Scenario scenario)
    {
        foreach (var session in Streamed(scenario))
        {
            var recorded = Recorded(session);

            recorded.Count.ShouldBeGreaterThanOrEqualTo(40, session.SessionId);
            recorded.Select(e => e["sequence"]!.GetValue<long>()).ShouldBe(Enumerable.Range(0, recorded.Count).Select(i => (long)i));
            recorded[0]["type"]!.GetValue<string>().ShouldBe("SessionStarted");
            SimulatorTestData.EndsWithTheEndOrTheDischargeAfterIt(recorded);
        }
    }

    [Theory]
    [MemberData(nameof(CleanScenarios))]
    public void TheMonitorReportsFromJustAfterTheStartUntilTheEndWithoutALongerPauseThanItsInterval(Scenario scenario)
    {
        foreach (var session in Streamed(scenario))
        {
            var times = Recorded(session).OfType("VitalsRecorded").Select(At).Prepend(session.StartedAt).Append(session.EndedAt).ToList();

            for (var i = 1; i < times.Count; i++)
            {
                (times[i] - times[i - 1]).ShouldBeLessThanOrEqualTo(LongestStep, session.SessionId);
            }
        }
    }

    [Theory]
    [MemberData(nameof(ClinicDayGeneratorTests.EndingScenariosWithGoodClocks), MemberType = typeof(ClinicDayGeneratorTests))]
    public void EveryScenarioKeepsItsSequencesContiguousAndStartsFirstAndEndsLastWhenStreaming(Scenario scenario)
    {
        foreach (var session in Streamed(scenario, sessions: 8, seconds: 45))
        {
            var recorded = Recorded(session);

            recorded.Select(e => e["sequence"]!.GetValue<long>()).ShouldBe(Enumerable.Range(0, recorded.Count).Select(i => (long)i));
            recorded[0]["type"]!.GetValue<string>().ShouldBe("SessionStarted");
            SimulatorTestData.EndsWithTheEndOrTheDischargeAfterIt(recorded);
            recorded.Select(At).ShouldBeInOrder(SortDirection.Ascending);
            At(recorded[^1]).ShouldBe(session.EndedAt);
        }
    }

    [Theory]
    [MemberData(nameof(CleanScenarios))]
    public void StreamedReadingsStayInNormalRangesAndBelow140Over90BeforeTheFirstDose(Scenario scenario)
    {
        foreach (var session in Streamed(scenario))
        {
            var events = Recorded(session);
            var firstDose = events.First(e => e["type"]!.GetValue<string>() is "DoseAdministered" or "InfusionRateChanged");
            foreach (var vitals in events.OfType("VitalsRecorded"))
            {
                var v = Payload(vitals);
                Number(v, "heartRateBpm").ShouldBeInRange(50, 110);
                Number(v, "systolicMmHg").ShouldBeLessThan(160);
                Number(v, "diastolicMmHg").ShouldBeLessThan(100);
                Number(v, "diastolicMmHg").ShouldBeLessThan(Number(v, "systolicMmHg"));
                Number(v, "spo2Percent").ShouldBeInRange(94, 100);
                if (v.ContainsKey("respiratoryRatePerMin")) // the intranasal pre-dose check is heart rate, pressure and SpO2
                {
                    Number(v, "respiratoryRatePerMin").ShouldBeInRange(8, 25);
                }
                if (At(vitals) < At(firstDose))
                {
                    Number(v, "systolicMmHg").ShouldBeLessThanOrEqualTo(140);
                    Number(v, "diastolicMmHg").ShouldBeLessThanOrEqualTo(90);
                }
            }
        }
    }

    [Fact]
    public void TheRunningPumpReportsItsExactVolumeEveryFiveMinutes()
    {
        foreach (var session in Streamed(Scenario.StandardIv))
        {
            var events = Recorded(session);
            var start = Payload(events.OfType("SessionStarted").Single());
            var rates = events.OfType("InfusionRateChanged").ToList();
            var mlPerHour = MlPerHour(Payload(rates[0]), Number(start, "weightKg"), Number(start, "concentrationMgPerMl"));
            var reports = events.OfType("PumpTotalReported").ToList();

            reports.Count.ShouldBe(8); // at 5, 10, … 35 min, and the total after the stop
            for (var k = 1; k <= 7; k++)
            {
                At(reports[k - 1]).ShouldBe(At(rates[0]) + TimeSpan.FromMinutes(5 * k));
                Number(Payload(reports[k - 1]), "volumeInfusedMl").ShouldBe(InfusionMath.VolumeMl(mlPerHour, TimeSpan.FromMinutes(5 * k)), tolerance: 0.0051);
            }
        }
    }

    [Fact]
    public void APausedPumpReportsNothingAndCountsOnlyItsRunningTime()
    {
        foreach (var session in Streamed(Scenario.LongPause))
        {
            var events = Recorded(session);
            var start = Payload(events.OfType("SessionStarted").Single());
            var rates = events.OfType("InfusionRateChanged").ToList();
            var mlPerHour = MlPerHour(Payload(rates[0]), Number(start, "weightKg"), Number(start, "concentrationMgPerMl"));
            var paused = At(events.OfType("InfusionPaused").Single());
            var resumed = At(events.OfType("InfusionResumed").Single());

            foreach (var report in events.OfType("PumpTotalReported").Where(r => At(r) < At(rates[1])))
            {
                (At(report) >= paused && At(report) < resumed).ShouldBeFalse();
                var running = At(report) - At(rates[0]) - (At(report) >= resumed ? resumed - paused : TimeSpan.Zero);
                Number(Payload(report), "volumeInfusedMl").ShouldBe(InfusionMath.VolumeMl(mlPerHour, running), tolerance: 0.0051);
            }
        }
    }

    [Fact]
    public void IvSessionsAreObservedLongerAfterTheInfusionButEndBeforeTheOverdueCheck()
    {
        foreach (var session in Streamed(Scenario.StandardIv).Concat(Streamed(Scenario.LongPause)).Concat(Streamed(Scenario.WrongRate)))
        {
            var stopped = At(Recorded(session).OfType("InfusionRateChanged").Last());

            var ended = At(Recorded(session).OfType("SessionEnded").Single());
            (ended - stopped).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMinutes(session.Scenario == Scenario.LongPause ? 8 : 20));
            (ended - session.StartedAt).ShouldBeLessThan(TimeSpan.FromMinutes(40 + 30)); // planned + overdue grace
            (session.EndedAt - stopped).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMinutes(30), "discharged after the protocol's observation (contract 1.1)");
        }
    }

    [Theory]
    [MemberData(nameof(AllScenarios))]
    public void StreamingOnlyAddsReadingsAndPumpTotalsToTheScriptsStory(Scenario scenario)
    {
        // Six sessions on six chairs start at the same times with or without streaming, so they pair up one to one.
        var plain = Only(scenario, sessions: 6);
        var streamed = Streamed(scenario, sessions: 6);

        for (var i = 0; i < plain.Count; i++)
        {
            var withStream = Recorded(streamed[i]).Select(Story).ToList();
            var without = Recorded(plain[i]).Select(Story).ToList();

            var added = withStream.ToList();
            foreach (var e in without.Where(e => !e.StartsWith("SessionEnded", StringComparison.Ordinal)))
            {
                added.Remove(e).ShouldBeTrue(e);
            }

            added.ShouldAllBe(e => e.StartsWith("VitalsRecorded", StringComparison.Ordinal)
                || e.StartsWith("PumpTotalReported", StringComparison.Ordinal)
                || e.StartsWith("SessionEnded", StringComparison.Ordinal));
            streamed[i].EndedAt.ShouldBeGreaterThanOrEqualTo(plain[i].EndedAt);
        }
    }

    [Fact]
    public void TheSameSeedStreamsTheSameBytes()
    {
        var first = Streamed(Scenario.StandardIv, sessions: 10).Concat(Streamed(Scenario.Intranasal, sessions: 10)).SelectMany(s => s.Events).Select(e => e.Json);
        var second = Streamed(Scenario.StandardIv, sessions: 10).Concat(Streamed(Scenario.Intranasal, sessions: 10)).SelectMany(s => s.Events).Select(e => e.Json);

        second.ShouldBe(first);
    }

    [Theory]
    [InlineData(1, 4_000)] // a subcutaneous session lasts more than 67 min
    [InlineData(3600, 1)]
    public void TheShortestAndLongestIntervalsWork(int seconds, int leastAdded)
    {
        var plain = Recorded(Only(Scenario.Subcutaneous, sessions: 1).Single());
        var recorded = Recorded(Streamed(Scenario.Subcutaneous, sessions: 1, seconds: seconds).Single());

        recorded.Select(e => e["sequence"]!.GetValue<long>()).ShouldBe(Enumerable.Range(0, recorded.Count).Select(i => (long)i));
        (recorded.Count - plain.Count).ShouldBeGreaterThanOrEqualTo(leastAdded);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-60.0)]
    [InlineData(1.5)]
    [InlineData(3601.0)]
    public void UnusableMonitorIntervalsAreRefused(double seconds)
    {
        var options = Options() with { MonitorEvery = TimeSpan.FromSeconds(seconds) };

        Should.Throw<ArgumentException>(() => new ClinicDayGenerator(options)).Message.ShouldContain("monitor interval");
    }

    // What happened, when, with which values: the event without its ids and sequence number.
    private static string Story(JsonObject e) =>
        $"{e["type"]!.GetValue<string>()} {e["occurredAt"]!.GetValue<string>()} {e["payload"]!.ToJsonString()}";

    private static double MlPerHour(JsonObject rate, double weightKg, double concentration) =>
        rate.ContainsKey("rateMlPerHour")
            ? Number(rate, "rateMlPerHour")
            : InfusionMath.MlPerHourFromMgPerKgPerHour(Number(rate, "rateMgPerKgPerHour"), weightKg, concentration);
}
