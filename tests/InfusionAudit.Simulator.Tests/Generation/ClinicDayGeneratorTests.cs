using InfusionAudit.Simulator.Contract;
using InfusionAudit.Simulator.Generation;
using Shouldly;
using Xunit;
using static InfusionAudit.Simulator.Tests.SimulatorTestData;

namespace InfusionAudit.Simulator.Tests.Generation;

public sealed class ClinicDayGeneratorTests
{
    public static TheoryData<Scenario> AllScenarios => [.. Enum.GetValues<Scenario>()];

    /// <summary>The scenarios whose devices keep good clocks and that end (PumpRunsOn never ends, PumpClock1970 dates its pump 1970).</summary>
    public static TheoryData<Scenario> EndingScenariosWithGoodClocks =>
        [.. Enum.GetValues<Scenario>().Except([Scenario.PumpRunsOn, Scenario.PumpClock1970])];

    [Fact]
    public void SameSeedProducesTheSameBytes()
    {
        var first = Day(sessions: 30, seed: 42).SelectMany(s => s.Events).Select(e => e.Json).ToList();
        var second = Day(sessions: 30, seed: 42).SelectMany(s => s.Events).Select(e => e.Json).ToList();

        second.ShouldBe(first);
    }

    [Fact]
    public void DifferentSeedsProduceDifferentDays()
    {
        var first = Day(seed: 1).SelectMany(s => s.Events).Select(e => e.Json);
        var second = Day(seed: 2).SelectMany(s => s.Events).Select(e => e.Json);

        second.ShouldNotBe(first);
    }

    [Fact]
    public void AnEarlierSessionDoesNotChangeALaterOne()
    {
        // Each session draws from its own stream, so session 5 is the same whether or not session 6 follows.
        var shortDay = Day(sessions: 5, seed: 9);
        var longDay = Day(sessions: 8, seed: 9);

        longDay.Take(5).SelectMany(s => s.Events).Select(e => e.Json)
            .ShouldBe(shortDay.SelectMany(s => s.Events).Select(e => e.Json));
    }

    [Fact]
    public void ProducesTheRequestedNumberOfSessionsWithUniqueIds()
    {
        var day = Day(sessions: 25);

        // A LaterSessionFirst draw brings its patient's earlier session along (same index, id ending "-E").
        day.Select(s => s.Index).Distinct().Count().ShouldBe(25);
        day.Select(s => s.SessionId).Distinct().Count().ShouldBe(day.Count);
        day[0].SessionId.ShouldBe("abq-01-20261126-42-S0001");
    }

    [Fact]
    public void EveryValidEventHasTheContractEnvelopeAndPayload()
    {
        var sessions = Day(sessions: 120, seed: 3);

        sessions.Select(s => s.Scenario).Distinct().Count().ShouldBe(Enum.GetValues<Scenario>().Length);
        foreach (var e in sessions.SelectMany(s => s.Events).Where(e => e.Kind != WireEventKind.Invalid))
        {
            ContractShape.ShouldBeValidEvent(Json(e));
        }
    }

    [Fact]
    public void EventIdsAreUniqueAndNameTheirDevice()
    {
        var events = Day(sessions: 60, seed: 5).SelectMany(s => s.Events)
            .Where(e => e.Kind is WireEventKind.Original or WireEventKind.Invalid)
            .Select(Json)
            .Where(e => e.ContainsKey("eventId"))
            .ToList();

        events.Select(e => e["eventId"]!.GetValue<string>()).Distinct().Count().ShouldBe(events.Count);
        events.ShouldAllBe(e => e["eventId"]!.GetValue<string>().StartsWith(e["deviceId"]!.GetValue<string>() + "-", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(AllScenarios))]
    public void SequencesRunFromZeroWithoutGapsInEveryScenario(Scenario scenario)
    {
        foreach (var session in Only(scenario, sessions: 8))
        {
            var sequences = session.RecordedEvents.Select(e => Json(e)["sequence"]!.GetValue<long>()).Order().ToList();

            sequences.ShouldBe(Enumerable.Range(0, sequences.Count).Select(i => (long)i), session.SessionId);
            session.RecordedEvents.ShouldAllBe(e => e.SessionId == session.SessionId && e.Json.Contains(session.SessionId));
        }
    }

    [Fact]
    public void APumpRunningOnSendsNothingAfterItsLinkIsLost()
    {
        foreach (var session in Only(Scenario.PumpRunsOn, sessions: 8))
        {
            var recorded = Recorded(session);
            var started = recorded.First(e => e["type"]!.GetValue<string>() == "InfusionRateChanged");

            recorded[0]["type"]!.GetValue<string>().ShouldBe("SessionStarted");
            recorded.ShouldNotContain(e => e["type"]!.GetValue<string>() == "SessionEnded");
            recorded.Where(e => e["type"]!.GetValue<string>() == "InfusionRateChanged").ShouldHaveSingleItem();
            (At(recorded[^1]) - At(started)).ShouldBeLessThanOrEqualTo(TimeSpan.FromMinutes(20));
        }
    }

    [Fact]
    public void APumpClockAt1970DatesOnlyThePumpsInfusionEvents()
    {
        foreach (var session in Only(Scenario.PumpClock1970, sessions: 8))
        {
            var recorded = Recorded(session);
            foreach (var e in recorded)
            {
                var pumpEvent = e["type"]!.GetValue<string>() is "InfusionRateChanged" or "PumpTotalReported";
                (At(e).Year == 1970).ShouldBe(pumpEvent, e.ToJsonString());
            }

            session.Events.Select(e => e.SendAt).ShouldBeInOrder(SortDirection.Ascending);
        }
    }

    [Theory]
    [MemberData(nameof(EndingScenariosWithGoodClocks))]
    public void EverySessionStartsFirstAndEndsLast(Scenario scenario)
    {
        foreach (var session in Only(scenario, sessions: 8))
        {
            var recorded = Recorded(session);

            recorded[0]["type"]!.GetValue<string>().ShouldBe("SessionStarted");
            SimulatorTestData.EndsWithTheEndOrTheDischargeAfterIt(recorded);
            recorded.Select(At).ShouldBeInOrder(SortDirection.Ascending);
            At(recorded[0]).ShouldBe(session.StartedAt);
            At(recorded[^1]).ShouldBe(session.EndedAt);
        }
    }

    [Fact]
    public void EventsOfASessionAreListedInForwardingOrder()
    {
        foreach (var session in Day(sessions: 40, seed: 11))
        {
            session.Events.Select(e => e.SendAt).ShouldBeInOrder(SortDirection.Ascending);
        }
    }

    [Fact]
    public void ChairsNeverTreatTwoPatientsAtOnce()
    {
        foreach (var chair in Day(sessions: 40, seed: 8).GroupBy(s => s.Chair))
        {
            var ordered = chair.OrderBy(s => s.StartedAt).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                ordered[i].StartedAt.ShouldBeGreaterThan(ordered[i - 1].EndedAt);
            }
        }
    }

    [Fact]
    public void PatientsAreUniqueWithinADay()
    {
        // One patient per drawn session: a LaterSessionFirst draw's earlier session is the same patient's other visit.
        var refs = Day(sessions: 200, seed: 4)
            .DistinctBy(s => s.Index)
            .Select(s => Payload(Recorded(s)[0])["patientRef"]!.GetValue<string>())
            .ToList();

        refs.Distinct().Count().ShouldBe(refs.Count);
    }

    [Fact]
    public void AnIdPrefixMakesEverySessionEventAndPatientIdNew()
    {
        var options = Options(sessions: 5) with { IdPrefix = "run7." };
        var sessions = new ClinicDayGenerator(options).Generate().ToList();

        foreach (var e in sessions.SelectMany(Recorded))
        {
            e["eventId"]!.GetValue<string>().ShouldStartWith("run7.");
            e["sessionId"]!.GetValue<string>().ShouldStartWith("run7.");
        }

        sessions.Select(s => Payload(Recorded(s)[0])["patientRef"]!.GetValue<string>()).ShouldAllBe(p => p.StartsWith("run7.", StringComparison.Ordinal));
    }

    [Fact]
    public void DifferentSeedsOfTheSameClinicDayShareNoId()
    {
        var first = Day(seed: 1).SelectMany(Recorded).Select(e => e["eventId"]!.GetValue<string>());
        var second = Day(seed: 2).SelectMany(Recorded).Select(e => e["eventId"]!.GetValue<string>());

        first.Intersect(second).ShouldBeEmpty();
    }

    [Fact]
    public void TheLongestAllowedNamesStillFitTheContractsSixtyFourCharacters()
    {
        var options = Options(sessions: 1_000, seed: int.MaxValue, mix: ScenarioMix.From((Scenario.BadFields, 1))) with
        {
            ClinicId = new string('c', ClinicDayOptions.MaxClinicIdLength),
            // The longest stem: the prefix and the '.' that separates it from the ids (issue 14 item 7).
            IdPrefix = new string('p', ClinicDayOptions.MaxIdPrefixLength - 1),
            Chairs = 999,
        };

        var events = new ClinicDayGenerator(options).Generate().Skip(990).SelectMany(Recorded).ToList();

        events.ShouldAllBe(e => ContractShape.Id().IsMatch(e["eventId"]!.GetValue<string>()));
        events.ShouldAllBe(e => ContractShape.Id().IsMatch(e["sessionId"]!.GetValue<string>()));
        events.ShouldAllBe(e => ContractShape.Id().IsMatch(e["deviceId"]!.GetValue<string>()));
    }

    [Fact]
    public void AnOpenEndedDayKeepsProducingSessions()
    {
        var options = Options() with { Sessions = null, Mix = ScenarioMix.Load };

        new ClinicDayGenerator(options).Generate().Take(500).Count().ShouldBe(500);
    }

    [Theory]
    [InlineData("")]
    [InlineData("clinic with spaces")]
    [InlineData("clinic-id-too-long")]
    public void UnusableClinicIdsAreRefused(string clinicId)
    {
        Should.Throw<ArgumentException>(() => new ClinicDayGenerator(Options() with { ClinicId = clinicId }));
    }

    [Fact]
    public void NegativeSeedsAreRefused()
    {
        Should.Throw<ArgumentException>(() => new ClinicDayGenerator(Options(seed: -1)));
    }

    [Fact]
    public void TimestampsAreWholeSecondsInUtcEvenWhenTheStartIsNot()
    {
        var options = Options(sessions: 3) with { Start = new DateTimeOffset(2026, 11, 26, 9, 30, 15, 678, TimeSpan.FromHours(-7)) };

        // A LaterSessionFirst draw's earlier session (id ending "-E") started the day before, by design.
        var sessions = new ClinicDayGenerator(options).Generate().Where(s => !s.SessionId.EndsWith("-E", StringComparison.Ordinal)).ToList();
        var events = sessions.SelectMany(Recorded).ToList();

        events.ShouldAllBe(e => ContractShape.UtcTimestamp().IsMatch(e["occurredAt"]!.GetValue<string>()));
        sessions.Where(s => s.Scenario != Scenario.PumpClock1970).SelectMany(Recorded).Min(At).ShouldBeGreaterThanOrEqualTo(new DateTimeOffset(2026, 11, 26, 16, 30, 15, TimeSpan.Zero));
    }
}
