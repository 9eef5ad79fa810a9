using System.Globalization;
using System.Text.Json.Nodes;
using InfusionAudit.Simulator.Contract;

namespace InfusionAudit.Simulator.Generation;

// Ketamine IV infusion (ketamine-iv-depression): start, pre-dose vitals, pump programmed, vitals every 5–10 min,
// pump totals every 5 min while running, pump stopped after 40 running minutes, pump total, short recovery, end. The IV
// fault scenarios bend one part of it. With a streaming monitor: readings throughout, a longer recovery.
internal static class IvInfusionScript
{
    public const string ProtocolId = "ketamine-iv-depression";
    private const double PlannedDurationMin = 40;

    // The backend's SESSION-OVERDUE grace (protocol default): a session must end by start + planned duration + this.
    private const double OverdueGraceMin = 30;

    /// <param name="dosePerKg">The prescription; null: the scenario's (0.5 mg/kg, a standard session sometimes 0.75 or 1.0).</param>
    public static DateTimeOffset Play(SessionRecorder s, DateTimeOffset t0, Scenario scenario, double? dosePerKg = null)
    {
        var r = s.Random;
        var p = s.Patient;

        // A mismatch must clear max(1 mL, 5 %); at 10 mg/mL a whole session is only ~3.5 mL, so use 1 mg/mL there.
        var concentration = scenario == Scenario.PumpMismatch || r.Chance(0.75) ? 1.0 : 10.0;
        var prescribedPerKg = dosePerKg ?? (scenario == Scenario.StandardIv && r.Chance(0.2) ? r.OneOf(0.75, 1.0) : 0.5);
        var weightBased = r.Chance(0.25);
        var factor = scenario switch
        {
            Scenario.WrongRate => 2.0,
            Scenario.FastInfusion => 4.0,
            _ => 1.0,
        };

        s.Add(t0, s.Devices.Pump, EventTypes.SessionStarted, new JsonObject
        {
            ["patientRef"] = p.PatientRef,
            ["protocolId"] = ProtocolId,
            ["route"] = "IV",
            ["weightKg"] = p.WeightKg,
            ["prescribedDoseMgPerKg"] = prescribedPerKg,
            ["plannedDurationMin"] = PlannedDurationMin,
            ["concentrationMgPerMl"] = concentration,
            ["patientAgeYears"] = p.AgeYears,
        });
        s.TypicalVitals(t0 + r.Seconds(60, 150), effect: 0);

        var start = t0 + r.Seconds(180, 300);
        var rateField = weightBased ? "rateMgPerKgPerHour" : "rateMlPerHour";
        double programmed;
        double pumpMlPerHour;
        if (weightBased)
        {
            programmed = InfusionMath.RoundDown(InfusionMath.RateMgPerKgPerHour(prescribedPerKg, PlannedDurationMin) * factor, 4);
            pumpMlPerHour = InfusionMath.MlPerHourFromMgPerKgPerHour(programmed, p.WeightKg, concentration);
        }
        else
        {
            programmed = InfusionMath.RoundDown(
                InfusionMath.RateMlPerHour(p.WeightKg, prescribedPerKg, PlannedDurationMin, concentration) * factor, 2);
            pumpMlPerHour = programmed;
        }

        s.Add(start, s.Devices.Pump, EventTypes.InfusionRateChanged, new JsonObject { [rateField] = programmed });

        var plan = scenario switch
        {
            Scenario.WrongRate => Stopped(start, start + r.Minutes(24, 29), "other"),
            Scenario.FastInfusion => Stopped(start, start + TimeSpan.FromMinutes(PlannedDurationMin / factor), "other"),
            Scenario.SevereAdverseEffect => SevereAdverseEffect(s, start),
            Scenario.HypertensiveCrisis => HypertensiveCrisis(s, start),
            Scenario.LongPause => LongPause(s, start),
            _ => Stopped(start, start + TimeSpan.FromMinutes(PlannedDurationMin), "completed"),
        };

        // Routine monitoring until the scenario's own story takes over.
        for (var at = start + r.Seconds(300, 420); at < plan.RoutineVitalsUntil; at += r.Seconds(300, 600))
        {
            s.TypicalVitals(at, effect: Math.Min(1, (at - start).TotalMinutes / 20));
        }

        if (scenario is (Scenario.StandardIv or Scenario.PumpMismatch or Scenario.LongPause) && r.Chance(0.3))
        {
            var at = start + r.Minutes(10, 30);
            if (r.Chance(0.5))
            {
                s.AdverseEffect(at, "dissociation", "mild", cadssScore: r.Between(4, 18));
            }
            else
            {
                s.AdverseEffect(at, "nausea", "mild");
            }
        }

        if (plan.StoppedAt is { } stop)
        {
            s.Add(stop, s.Devices.Pump, EventTypes.InfusionRateChanged, new JsonObject { [rateField] = 0.0 });
        }

        var pumpReportAt = (plan.StoppedAt ?? plan.PausedAt!.Value) + r.Seconds(5, 20);
        var volume = InfusionMath.Round(InfusionMath.VolumeMl(pumpMlPerHour, plan.Running), 2);
        if (scenario == Scenario.PumpMismatch)
        {
            var error = Math.Max(2.0, volume * 0.2);
            volume = InfusionMath.Round(r.Chance(0.5) ? volume + error : Math.Max(0, volume - error), 2);
        }

        s.Add(pumpReportAt, s.Devices.Pump, EventTypes.PumpTotalReported, new JsonObject { ["volumeInfusedMl"] = volume });

        DateTimeOffset endAt;
        if (plan.StoppedAt is { } stopped && scenario != Scenario.SevereAdverseEffect)
        {
            var shortRecovery = scenario == Scenario.LongPause;
            // Within 4 min of the stop: the last routine reading may be 10 min before it (VITALS-MISSING allows 15).
            s.TypicalVitals(stopped + (shortRecovery ? r.Seconds(90, 150) : r.Seconds(120, 240)), effect: 0.4);
            // After a dose given far too fast the clinic keeps the patient half an hour.
            endAt = stopped + (shortRecovery ? r.Seconds(180, 300) : scenario == Scenario.FastInfusion ? r.Seconds(30 * 60, 35 * 60) : r.Seconds(480, 720));
            var plannedEnd = endAt;
            if (s.Stream is { } observer)
            {
                var observed = LongerObservation(observer, t0, stopped);
                endAt = observed > endAt ? observed : endAt;
            }

            if (scenario == Scenario.CriticalAtCompletion)
            {
                // Desaturation in the last minutes of recovery (as planned without a monitor, which keeps the patient
                // longer: the story stays the same with and without it); the nurse still ends the session `completed`.
                s.Vitals(plannedEnd - r.Seconds(60, 150), p.HeartRateBpm, p.SystolicMmHg, p.DiastolicMmHg, r.Between(85, 89), p.RespiratoryRatePerMin);
            }

            s.End(endAt, plan.EndReason);

            // Observation after the pump's session (contract 1.1): a round every ten minutes, discharged once the
            // protocol's 30 minutes after the stop are over and the session has ended.
            var dischargeAt = stopped + r.Seconds(31 * 60, 35 * 60);
            dischargeAt = dischargeAt > endAt ? dischargeAt : endAt + r.Seconds(30, 90);
            s.Rounds(stopped + r.Seconds(14 * 60, 16 * 60), dischargeAt, at => Effect(at, start, stopped));
            s.Discharged(dischargeAt, dischargeAt - r.Seconds(60, 180));
            endAt = dischargeAt;
        }
        else
        {
            endAt = plan.EndedAt!.Value;
        }

        // A connected pump reports its counter while it runs: the backend watches the pump itself (DEVICE-SILENT per device).
        PumpTotals(s, start, plan, pumpMlPerHour);
        if (s.Stream is { } monitor)
        {

            // A scenario that ends the session itself records its own readings once its story starts (the crisis pair,
            // the airway watch): the stream stops there, so that it neither dilutes nor contradicts them.
            var streamUntil = plan.EndedAt is null ? endAt : plan.RoutineVitalsUntil;
            monitor.Record(s, t0, streamUntil, at => Effect(at, start, plan.StoppedAt));
        }

        return endAt;
    }

    // With a connected monitor the clinic observes about 30 min after the infusion, but ends the session before the
    // backend's overdue check, which a late pump start or a pause brings closer (then the observation is shorter).
    private static DateTimeOffset LongerObservation(MonitorStream monitor, DateTimeOffset t0, DateTimeOffset stopped)
    {
        var observed = stopped + monitor.Random.Seconds(28 * 60, 32 * 60);
        var beforeOverdue = t0 + TimeSpan.FromMinutes(PlannedDurationMin + OverdueGraceMin) - monitor.Random.Seconds(60, 180);
        return observed < beforeOverdue ? observed : beforeOverdue;
    }

    // The pump's own counter every 5 minutes while it runs: exactly the volume of its rate history, as a healthy pump
    // reports it (PumpMismatch keeps its wrong final total). A paused pump has nothing new to report.
    private static void PumpTotals(SessionRecorder s, DateTimeOffset start, IvPlan plan, double pumpMlPerHour)
    {
        var runEnd = plan.StoppedAt ?? plan.PausedAt!.Value;
        for (var at = start + MonitorStream.PumpReportEvery; at < runEnd; at += MonitorStream.PumpReportEvery)
        {
            var running = at - start;
            if (plan.Interrupted is { } pause)
            {
                if (at >= pause.From && at < pause.To)
                {
                    continue;
                }

                if (at >= pause.To)
                {
                    running -= pause.To - pause.From;
                }
            }

            var volume = InfusionMath.Round(InfusionMath.VolumeMl(pumpMlPerHour, running), 2);
            s.Add(at, s.Devices.Pump, EventTypes.PumpTotalReported, new JsonObject { ["volumeInfusedMl"] = volume });
        }
    }

    // Ketamine's effect on heart rate and pressure (0..1): none before the pump starts, rising over the first 20 min,
    // fading within about 10 min of the stop (its distribution half-life is minutes).
    private static double Effect(DateTimeOffset at, DateTimeOffset start, DateTimeOffset? stoppedAt) =>
        at < start ? 0
        : stoppedAt is { } stop && at >= stop ? Math.Max(0.1, 1 - ((at - stop).TotalMinutes / 10))
        : Math.Min(1, (at - start).TotalMinutes / 20);

    private static IvPlan Stopped(DateTimeOffset start, DateTimeOffset stop, string reason) =>
        new(stop, stop - start, StoppedAt: stop, PausedAt: null, EndedAt: null, reason);

    // Loss of consciousness: pump stopped within a minute, airway and vitals watched for a quarter of an hour.
    private static IvPlan SevereAdverseEffect(SessionRecorder s, DateTimeOffset start)
    {
        var r = s.Random;
        var aeAt = start + r.Minutes(12, 25);
        var stop = aeAt + r.Seconds(20, 60);
        s.AdverseEffect(aeAt, "lossOfConsciousness", "severe", note: "Unresponsive to voice; airway maintained, infusion stopped.");
        var p = s.Patient;
        s.Vitals(stop + r.Seconds(60, 120), p.HeartRateBpm - 8, p.SystolicMmHg + 4, p.DiastolicMmHg, 93, 10);
        s.Vitals(stop + r.Seconds(360, 480), p.HeartRateBpm - 4, p.SystolicMmHg + 2, p.DiastolicMmHg, 95, 12);
        s.Vitals(stop + r.Seconds(720, 840), p.HeartRateBpm, p.SystolicMmHg, p.DiastolicMmHg, p.Spo2Percent, p.RespiratoryRatePerMin);
        var end = stop + r.Minutes(15, 20);
        s.End(end, "stoppedForAdverseEffect");
        return new IvPlan(aeAt, stop - start, StoppedAt: stop, PausedAt: null, EndedAt: end, "stoppedForAdverseEffect");
    }

    // Two readings at or above 180/110 five minutes apart (but below 200/120, so only the two-reading rule can see it):
    // the infusion is held, the pressure comes down, the session is stopped.
    private static IvPlan HypertensiveCrisis(SessionRecorder s, DateTimeOffset start)
    {
        var r = s.Random;
        var p = s.Patient;
        var first = start + r.Minutes(14, 22);
        var second = first + r.Seconds(300, 320);
        s.Vitals(first, p.HeartRateBpm + 18, r.Between(182, 190), r.Between(110, 115), p.Spo2Percent, p.RespiratoryRatePerMin + 2);
        var sbp2 = r.Between(186, 196);
        var dbp2 = r.Between(112, 118);
        s.Vitals(second, p.HeartRateBpm + 20, sbp2, dbp2, p.Spo2Percent, p.RespiratoryRatePerMin + 2);
        var paused = second + r.Seconds(30, 90);
        s.Add(paused, s.Devices.Pump, EventTypes.InfusionPaused, new JsonObject
        {
            ["reason"] = string.Create(CultureInfo.InvariantCulture, $"BP {sbp2}/{dbp2}: infusion held per hold rule"),
        });
        s.AdverseEffect(paused + r.Seconds(10, 40), "hypertension", "moderate");
        s.Vitals(paused + r.Seconds(290, 320), p.HeartRateBpm + 12, r.Between(164, 172), r.Between(98, 104), p.Spo2Percent, p.RespiratoryRatePerMin);
        s.Vitals(paused + r.Seconds(590, 620), p.HeartRateBpm + 6, r.Between(146, 154), r.Between(88, 94), p.Spo2Percent, p.RespiratoryRatePerMin);
        var end = paused + r.Minutes(12, 15);
        s.End(end, "stoppedForAdverseEffect");
        return new IvPlan(first, paused - start, StoppedAt: null, PausedAt: paused, EndedAt: end, "stoppedForAdverseEffect");
    }

    // A pause of 11–14 min (the rule's threshold is 10), then the remaining minutes of the 40 are run.
    private static IvPlan LongPause(SessionRecorder s, DateTimeOffset start)
    {
        var r = s.Random;
        var paused = start + r.Minutes(12, 20);
        var resumed = paused + r.Seconds(11 * 60, 14 * 60);
        s.Add(paused, s.Devices.Pump, EventTypes.InfusionPaused, new JsonObject { ["reason"] = r.OneOf("patient requested a break", "line occlusion alarm") });
        s.Add(resumed, s.Devices.Pump, EventTypes.InfusionResumed, []);
        var stop = start + TimeSpan.FromMinutes(PlannedDurationMin) + (resumed - paused);
        return new IvPlan(stop, TimeSpan.FromMinutes(PlannedDurationMin), StoppedAt: stop, PausedAt: null, EndedAt: null, "completed")
        {
            Interrupted = (paused, resumed),
        };
    }

    /// <param name="RoutineVitalsUntil">Routine monitoring stops here (the scenario records its own readings after).</param>
    /// <param name="Running">Pump running time, pauses excluded.</param>
    private sealed record IvPlan(
        DateTimeOffset RoutineVitalsUntil,
        TimeSpan Running,
        DateTimeOffset? StoppedAt,
        DateTimeOffset? PausedAt,
        DateTimeOffset? EndedAt,
        string EndReason)
    {
        /// <summary>A pause the infusion resumed after (LongPause).</summary>
        public (DateTimeOffset From, DateTimeOffset To)? Interrupted { get; init; }
    }
}
