using InfusionAudit.Simulator.Generation;
using Shouldly;
using Xunit;
using static InfusionAudit.Simulator.Tests.SimulatorTestData;

namespace InfusionAudit.Simulator.Tests.Generation;

public sealed class ScenarioScriptTests
{
    [Fact]
    public void TextbookInfusionIs52Point5MillilitresPerHour()
    {
        // 70 kg × 0.5 mg/kg = 35 mg over 40 min at 1 mg/mL = 35 mL = 52.5 mL/h (0.75 mg/kg/h), as in the contract page.
        InfusionMath.RateMlPerHour(70, 0.5, 40, 1.0).ShouldBe(52.5);
        InfusionMath.RateMgPerKgPerHour(0.5, 40).ShouldBe(0.75);
        InfusionMath.VolumeMl(52.5, TimeSpan.FromMinutes(40)).ShouldBe(35, tolerance: 1e-9);
        InfusionMath.MlPerHourFromMgPerKgPerHour(0.75, 70, 1.0).ShouldBe(52.5, tolerance: 1e-9);
        InfusionMath.RateMlPerHour(70, 0.5, 40, 10.0).ShouldBe(5.25, tolerance: 1e-9);
    }

    [Fact]
    public void StandardIvProgramsTheExpectedRateAndStopsAfterFortyMinutes()
    {
        var sessions = Only(Scenario.StandardIv, sessions: 40);
        sessions.ShouldContain(s => Recorded(s).OfType("InfusionRateChanged").Any(e => Payload(e).ContainsKey("rateMgPerKgPerHour")));
        sessions.ShouldContain(s => Recorded(s).OfType("InfusionRateChanged").Any(e => Payload(e).ContainsKey("rateMlPerHour")));

        foreach (var session in sessions)
        {
            var events = Recorded(session);
            var start = Payload(events.OfType("SessionStarted").Single());
            var weight = Number(start, "weightKg");
            var dose = Number(start, "prescribedDoseMgPerKg");
            var concentration = Number(start, "concentrationMgPerMl");
            weight.ShouldBeInRange(45, 120);
            start["plannedDurationMin"]!.GetValue<double>().ShouldBe(40);
            start["protocolId"]!.GetValue<string>().ShouldBe("ketamine-iv-depression");
            new[] { 1.0, 10.0 }.ShouldContain(concentration);

            var rates = events.OfType("InfusionRateChanged").ToList();
            rates.Count.ShouldBe(2);
            var programmed = MlPerHour(Payload(rates[0]), weight, concentration);
            programmed.ShouldBe(InfusionMath.RateMlPerHour(weight, dose, 40, concentration), tolerance: 0.01);
            MlPerHour(Payload(rates[1]), weight, concentration).ShouldBe(0);
            (At(rates[1]) - At(rates[0])).ShouldBe(TimeSpan.FromMinutes(40));

            var pumpTotal = Number(Payload(events.OfType("PumpTotalReported").Last()), "volumeInfusedMl");
            pumpTotal.ShouldBe(weight * dose / concentration, tolerance: 0.05);
            events.OfType("SessionEnded").Single()["payload"]!["reason"]!.GetValue<string>().ShouldBe("completed");
            (At(events.OfType("SessionEnded").Single()) - session.StartedAt).ShouldBeLessThan(TimeSpan.FromMinutes(70)); // the pump's session; the discharge (1.1) may follow
        }
    }

    [Fact]
    public void StandardIvVitalsStayInNormalRanges()
    {
        foreach (var vitals in Only(Scenario.StandardIv, sessions: 40).SelectMany(Recorded).OfType("VitalsRecorded").Select(Payload))
        {
            Number(vitals, "heartRateBpm").ShouldBeInRange(50, 110);
            Number(vitals, "systolicMmHg").ShouldBeLessThan(160);
            Number(vitals, "diastolicMmHg").ShouldBeLessThan(100);
            Number(vitals, "diastolicMmHg").ShouldBeLessThan(Number(vitals, "systolicMmHg"));
            Number(vitals, "spo2Percent").ShouldBeInRange(94, 100);
            Number(vitals, "respiratoryRatePerMin").ShouldBeInRange(8, 25);
        }
    }

    [Fact]
    public void StandardIvPreDoseReadingIsBelow140Over90()
    {
        foreach (var session in Only(Scenario.StandardIv, sessions: 40))
        {
            var events = Recorded(session);
            var firstRate = At(events.OfType("InfusionRateChanged").First());
            var preDose = Payload(events.OfType("VitalsRecorded").Last(v => At(v) < firstRate));

            Number(preDose, "systolicMmHg").ShouldBeLessThanOrEqualTo(140);
            Number(preDose, "diastolicMmHg").ShouldBeLessThanOrEqualTo(90);
        }
    }

    [Fact]
    public void IntranasalDevicesAreTwentyEightMilligramsAtLeastFiveMinutesApart()
    {
        foreach (var session in Only(Scenario.Intranasal, sessions: 40))
        {
            var events = Recorded(session);
            var start = Payload(events.OfType("SessionStarted").Single());
            var prescribed = Number(start, "prescribedDoseMg");
            var doses = events.OfType("DoseAdministered").ToList();

            start["route"]!.GetValue<string>().ShouldBe("IN");
            new[] { 28.0, 56.0, 84.0 }.ShouldContain(prescribed);
            if (start["patientAgeYears"]!.GetValue<int>() >= 65)
            {
                prescribed.ShouldBe(28);
            }

            doses.Count.ShouldBe((int)(prescribed / 28));
            doses.ShouldAllBe(d => Number(Payload(d), "doseMg") == 28);
            for (var i = 1; i < doses.Count; i++)
            {
                (At(doses[i]) - At(doses[i - 1])).ShouldBeInRange(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(6));
            }

            var firstDose = At(doses[0]);
            events.OfType("VitalsRecorded").ShouldContain(v => At(v) < firstDose && Payload(v).ContainsKey("systolicMmHg"));
            events.OfType("VitalsRecorded").ShouldContain(v => Math.Abs((At(v) - firstDose).TotalMinutes - 40) <= 3);
            (session.EndedAt - At(doses[^1])).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMinutes(120));
        }
    }

    [Fact]
    public void ShortObservationEndsBeforeTwoHoursAfterTheLastDevice()
    {
        foreach (var session in Only(Scenario.ShortObservation))
        {
            var lastDose = At(Recorded(session).OfType("DoseAdministered").Last());

            (session.EndedAt - lastDose).ShouldBeLessThan(TimeSpan.FromMinutes(120));
        }
    }

    [Fact]
    public void SubcutaneousGivesOneQuarterMilligramPerKilogramInjection()
    {
        foreach (var session in Only(Scenario.Subcutaneous))
        {
            var events = Recorded(session);
            var start = Payload(events.OfType("SessionStarted").Single());

            start["protocolId"]!.GetValue<string>().ShouldBe("ketamine-sc-depression");
            start["route"]!.GetValue<string>().ShouldBe("SC");
            Number(start, "prescribedDoseMgPerKg").ShouldBe(0.25);
            var dose = events.OfType("DoseAdministered").Single();
            Number(Payload(dose), "doseMg").ShouldBe(Number(start, "weightKg") * 0.25, tolerance: 0.0501); // rounded to 0.1 mg
            events.OfType("InfusionRateChanged").ShouldBeEmpty();
        }
    }

    [Fact]
    public void WrongRateRunsAtTwiceTheExpectedRateLongEnoughToOverDeliver()
    {
        foreach (var session in Only(Scenario.WrongRate))
        {
            var events = Recorded(session);
            var start = Payload(events.OfType("SessionStarted").Single());
            var weight = Number(start, "weightKg");
            var concentration = Number(start, "concentrationMgPerMl");
            var prescribedMg = weight * Number(start, "prescribedDoseMgPerKg");
            var rates = events.OfType("InfusionRateChanged").ToList();
            var programmed = MlPerHour(Payload(rates[0]), weight, concentration);

            programmed.ShouldBe(2 * InfusionMath.RateMlPerHour(weight, Number(start, "prescribedDoseMgPerKg"), 40, concentration), tolerance: 0.02);
            var deliveredMg = InfusionMath.VolumeMl(programmed, At(rates[1]) - At(rates[0])) * concentration;
            deliveredMg.ShouldBeGreaterThan(prescribedMg * 1.1);
        }
    }

    [Fact]
    public void FastInfusionGivesTheWholeDoseInTenMinutesAndEndsOther()
    {
        foreach (var session in Only(Scenario.FastInfusion))
        {
            var events = Recorded(session);
            var start = Payload(events.OfType("SessionStarted").Single());
            var weight = Number(start, "weightKg");
            var concentration = Number(start, "concentrationMgPerMl");
            var prescribedMg = weight * Number(start, "prescribedDoseMgPerKg");
            var rates = events.OfType("InfusionRateChanged").ToList();

            (At(rates[1]) - At(rates[0])).ShouldBe(TimeSpan.FromMinutes(10));
            var deliveredMg = InfusionMath.VolumeMl(MlPerHour(Payload(rates[0]), weight, concentration), At(rates[1]) - At(rates[0])) * concentration;
            deliveredMg.ShouldBeInRange(prescribedMg * 0.99, prescribedMg);
            events.OfType("SessionEnded").Single()["payload"]!["reason"]!.GetValue<string>().ShouldBe("other");
        }
    }

    [Fact]
    public void TheRunningPumpReportsEveryFiveMinutesWithoutAStreamToo()
    {
        foreach (var session in Only(Scenario.StandardIv))
        {
            var events = Recorded(session);
            var rates = events.OfType("InfusionRateChanged").ToList();
            var pumpEvents = events.Where(e => e["deviceId"]!.GetValue<string>() == rates[0]["deviceId"]!.GetValue<string>()).Select(At).ToList();

            for (var k = 1; k < pumpEvents.Count; k++)
            {
                if (pumpEvents[k - 1] >= At(rates[0]) && pumpEvents[k - 1] < At(rates[1]))
                {
                    (pumpEvents[k] - pumpEvents[k - 1]).ShouldBeLessThanOrEqualTo(TimeSpan.FromMinutes(5));
                }
            }
        }
    }

    [Fact]
    public void HypertensiveCrisisHasTwoCriticalReadingsFiveMinutesApartAndStops()
    {
        foreach (var session in Only(Scenario.HypertensiveCrisis))
        {
            var events = Recorded(session);
            var critical = events.OfType("VitalsRecorded")
                .Where(v => Number(Payload(v), "systolicMmHg") >= 180 || Number(Payload(v), "diastolicMmHg") >= 110)
                .ToList();

            critical.Count.ShouldBe(2);
            (At(critical[1]) - At(critical[0])).ShouldBeInRange(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10));
            critical.ShouldAllBe(v => Number(Payload(v), "systolicMmHg") < 200 && Number(Payload(v), "diastolicMmHg") < 120);
            events.OfType("InfusionPaused").ShouldHaveSingleItem();
            events[^1]["payload"]!["reason"]!.GetValue<string>().ShouldBe("stoppedForAdverseEffect");
        }
    }

    [Fact]
    public void SevereAdverseEffectIsLossOfConsciousnessAndStopsTheSession()
    {
        foreach (var session in Only(Scenario.SevereAdverseEffect))
        {
            var events = Recorded(session);
            var effect = Payload(events.OfType("AdverseEffectObserved").Single());
            effect["effect"]!.GetValue<string>().ShouldBe("lossOfConsciousness");
            effect["severity"]!.GetValue<string>().ShouldBe("severe");

            var stop = events.OfType("InfusionRateChanged").Last();
            At(stop).ShouldBeGreaterThan(At(events.OfType("AdverseEffectObserved").Single()));
            events[^1]["payload"]!["reason"]!.GetValue<string>().ShouldBe("stoppedForAdverseEffect");
        }
    }

    [Fact]
    public void PumpMismatchReportsAVolumeBeyondTheTolerance()
    {
        foreach (var session in Only(Scenario.PumpMismatch))
        {
            var events = Recorded(session);
            var start = Payload(events.OfType("SessionStarted").Single());
            var weight = Number(start, "weightKg");
            var concentration = Number(start, "concentrationMgPerMl");
            var rates = events.OfType("InfusionRateChanged").ToList();
            var computed = InfusionMath.VolumeMl(MlPerHour(Payload(rates[0]), weight, concentration), At(rates[1]) - At(rates[0]));
            var reported = Number(Payload(events.OfType("PumpTotalReported").Last()), "volumeInfusedMl");

            Math.Abs(reported - computed).ShouldBeGreaterThan(Math.Max(1, computed * 0.05));
        }
    }

    [Fact]
    public void LongPauseLastsMoreThanTenMinutesAndTheInfusionStillRunsForty()
    {
        foreach (var session in Only(Scenario.LongPause))
        {
            var events = Recorded(session);
            var paused = At(events.OfType("InfusionPaused").Single());
            var resumed = At(events.OfType("InfusionResumed").Single());
            var rates = events.OfType("InfusionRateChanged").ToList();

            (resumed - paused).ShouldBeGreaterThan(TimeSpan.FromMinutes(10));
            (At(rates[1]) - At(rates[0]) - (resumed - paused)).ShouldBe(TimeSpan.FromMinutes(40));
            (At(events.OfType("SessionEnded").Single()) - session.StartedAt).ShouldBeLessThan(TimeSpan.FromMinutes(70)); // the pump's session; the discharge (1.1) may follow
        }
    }

    private static double MlPerHour(System.Text.Json.Nodes.JsonObject rate, double weightKg, double concentration) =>
        rate.ContainsKey("rateMlPerHour")
            ? Number(rate, "rateMlPerHour")
            : InfusionMath.MlPerHourFromMgPerKgPerHour(Number(rate, "rateMgPerKgPerHour"), weightKg, concentration);
}
