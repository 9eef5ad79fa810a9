using System.Text.Json.Nodes;
using InfusionAudit.Simulator.Contract;

namespace InfusionAudit.Simulator.Generation;

// Esketamine nasal spray (esketamine-in-trd) as the label describes it: the REMS screening (contract 1.1), blood pressure
// before dosing, 28 mg devices five minutes apart (with their lot), blood pressure around 40 minutes and a round every
// ten minutes, discharge after at least two hours of observation.
internal static class IntranasalScript
{
    public const string ProtocolId = "esketamine-in-trd";
    private const int DeviceMg = 28;

    /// <param name="s">The session's devices.</param>
    /// <param name="t0">The start.</param>
    /// <param name="scenario"><see cref="Scenario.ShortObservation"/> ends the observation early.</param>
    /// <param name="visit">A session of a course (<see cref="CourseGenerator"/>); null: the patient's first session of a clinic day.</param>
    public static DateTimeOffset Play(SessionRecorder s, DateTimeOffset t0, Scenario scenario, CourseVisit? visit = null)
    {
        var r = s.Random;
        var p = s.Patient;
        // A clinic day's intranasal session is the patient's first: the label's day 1 (84 mg would be DOSE-ESCALATION).
        var prescribedMg = visit?.PrescribedMg ?? (p.AgeYears >= 65 ? 28 : 56);

        s.Add(t0, s.Devices.Tablet, EventTypes.SessionStarted, new JsonObject
        {
            ["patientRef"] = p.PatientRef,
            ["protocolId"] = ProtocolId,
            ["route"] = "IN",
            ["weightKg"] = p.WeightKg,
            ["prescribedDoseMg"] = prescribedMg,
            ["patientAgeYears"] = p.AgeYears,
        });
        s.Screening(t0 + r.Seconds(30, 90), r.Chance(0.2) ? ["benzodiazepine"] : []);
        s.Vitals(t0 + r.Seconds(120, 240), p.HeartRateBpm, p.SystolicMmHg, p.DiastolicMmHg, p.Spo2Percent, null);
        var lot = $"ESK-{r.Between(1000, 9999)}";

        var first = t0 + r.Seconds(300, 480);
        if (visit?.MissesBloodPressureAt40Min == true)
        {
            s.NoBloodPressure = (first + TimeSpan.FromMinutes(25), first + TimeSpan.FromMinutes(55));
        }

        var last = first;
        for (var device = 0; device < prescribedMg / DeviceMg; device++)
        {
            if (device > 0)
            {
                last += r.Seconds(300, 330);
            }

            s.Add(last, s.Devices.Tablet, EventTypes.DoseAdministered, new JsonObject { ["doseMg"] = DeviceMg, ["lotNumber"] = lot });
        }

        var end = scenario == Scenario.ShortObservation
            ? last + r.Minutes(50, 90)
            : last + r.Seconds(121 * 60, 135 * 60);

        s.TypicalVitals(first + r.Seconds(38 * 60, 42 * 60), effect: 1);
        var later = first + r.Seconds(88 * 60, 92 * 60);
        if (later < end - TimeSpan.FromMinutes(10))
        {
            s.TypicalVitals(later, effect: 0.4);
        }

        s.TypicalVitals(end - r.Seconds(180, 420), effect: 0.1);
        s.Rounds(first + r.Seconds(8 * 60, 10 * 60), end, at => Effect(at, first));

        if (r.Chance(0.5))
        {
            s.AdverseEffect(first + r.Minutes(10, 30), "dissociation", "mild", cadssScore: r.Between(8, 25));
        }

        if (r.Chance(0.15))
        {
            s.AdverseEffect(first + r.Minutes(20, 45), "nausea", "mild");
        }

        s.End(end, "completed");
        var discharged = end + r.Seconds(30, 90);
        s.Discharged(discharged, end - r.Seconds(60, 180));

        // The observation is already the label's two hours (ShortObservation's early end is its story): the stream
        // only fills it, up to the discharge.
        s.Stream?.Record(s, t0, discharged, at => Effect(at, first));
        return discharged;
    }

    // Esketamine's effect on pressure and heart rate (0..1): peaks about 40 min after the first device, as the label's
    // 40-minute blood pressure check expects, and fades over the observation.
    private static double Effect(DateTimeOffset at, DateTimeOffset firstDevice)
    {
        var minutes = (at - firstDevice).TotalMinutes;
        return minutes < 0 ? 0 : minutes <= 40 ? minutes / 40 : Math.Max(0.1, 1 - ((minutes - 40) * 0.9 / 80));
    }
}
