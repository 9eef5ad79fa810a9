using System.Text.Json.Nodes;
using InfusionAudit.Simulator.Contract;

namespace InfusionAudit.Simulator.Generation;

// Ketamine subcutaneous injection (ketamine-sc-depression): 0.25 mg/kg in one injection, vitals at 15, 30 and 60 min and a
// round every ten minutes, discharge after the protocol's hour of observation (contract 1.1).
internal static class SubcutaneousScript
{
    public const string ProtocolId = "ketamine-sc-depression";
    private const double DoseMgPerKg = 0.25;

    public static DateTimeOffset Play(SessionRecorder s, DateTimeOffset t0)
    {
        var r = s.Random;
        var p = s.Patient;

        s.Add(t0, s.Devices.Tablet, EventTypes.SessionStarted, new JsonObject
        {
            ["patientRef"] = p.PatientRef,
            ["protocolId"] = ProtocolId,
            ["route"] = "SC",
            ["weightKg"] = p.WeightKg,
            ["prescribedDoseMgPerKg"] = DoseMgPerKg,
            ["patientAgeYears"] = p.AgeYears,
        });
        s.TypicalVitals(t0 + r.Seconds(120, 240), effect: 0);

        var dosedAt = t0 + r.Seconds(300, 480);
        s.Add(dosedAt, s.Devices.Tablet, EventTypes.DoseAdministered, new JsonObject
        {
            ["doseMg"] = InfusionMath.Round(p.WeightKg * DoseMgPerKg, 1),
        });

        s.TypicalVitals(dosedAt + r.Seconds(14 * 60, 16 * 60), effect: 0.8);
        s.TypicalVitals(dosedAt + r.Seconds(29 * 60, 31 * 60), effect: 0.6);
        s.TypicalVitals(dosedAt + r.Seconds(59 * 60, 61 * 60), effect: 0.2);

        if (r.Chance(0.2))
        {
            s.AdverseEffect(dosedAt + r.Minutes(10, 30), "dizziness", "mild");
        }

        var end = dosedAt + r.Minutes(62, 75);
        s.Rounds(dosedAt + r.Seconds(8 * 60, 10 * 60), end, at => Effect(at, dosedAt));
        s.End(end, "completed");
        var discharged = end + r.Seconds(30, 90);
        s.Discharged(discharged, end - r.Seconds(60, 180));
        s.Stream?.Record(s, t0, discharged, at => Effect(at, dosedAt));
        return discharged;
    }

    // The injection's effect on pressure and heart rate (0..1), through the script's own checkpoints: 0.8 at 15 min,
    // 0.6 at 30, 0.2 at 60.
    private static double Effect(DateTimeOffset at, DateTimeOffset dosedAt)
    {
        var minutes = (at - dosedAt).TotalMinutes;
        return minutes < 0 ? 0 : minutes <= 15 ? minutes * 0.8 / 15 : Math.Max(0.1, 0.8 - ((minutes - 15) * 0.6 / 45));
    }
}
