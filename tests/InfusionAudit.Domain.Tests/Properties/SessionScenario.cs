using CsCheck;
using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Sessions;
using InfusionAudit.Domain.Tests.Builders;
using InfusionAudit.Domain.Units;

namespace InfusionAudit.Domain.Tests.Properties;

/// <summary>
/// A generated session: an IV infusion (rate changes in mL/h, pauses, resumes, boluses, pump totals, vitals, adverse effects)
/// or an intranasal one (28 mg devices, vitals, adverse effects), with lost sequence numbers, receive delays (some negative
/// enough for clock skew) and sometimes an end.
/// </summary>
internal sealed record SessionScenario(
    bool Intranasal,
    double WeightKg,
    double MgPerKg,
    double PlannedMin,
    double ConcentrationMgPerMl,
    Step[] Steps,
    bool Ended,
    SessionEndReason EndReason,
    bool WithStart)
{
    public static readonly Gen<SessionScenario> Gen =
        CsCheck.Gen.Select(
            CsCheck.Gen.Int[0, 4],
            CsCheck.Gen.Int[350, 1600],
            CsCheck.Gen.Int[6, 24],
            CsCheck.Gen.Int[30, 60],
            CsCheck.Gen.OneOfConst(0.5, 1.0, 2.0),
            Step.Gen.Array[3, 60],
            CsCheck.Gen.Int[0, 9],
            (kind, weightTenths, mgPerKgTwentieths, planned, concentration, steps, end) => new SessionScenario(
                kind == 0,
                weightTenths / 10.0,
                mgPerKgTwentieths * 0.05,
                planned,
                concentration,
                steps,
                end >= 3,
                end == 9 ? SessionEndReason.StoppedForAdverseEffect : end == 8 ? SessionEndReason.StoppedByPatient : SessionEndReason.Completed,
                kind != 4));

    /// <summary>The stored events; with <paramref name="ratesPerWeight"/> every rate is programmed as the equivalent mg/kg/h.</summary>
    public List<StoredEvent> Events(bool ratesPerWeight = false)
    {
        var builder = new SessionBuilder();
        if (WithStart)
        {
            if (Intranasal)
            {
                builder.StartIntranasal(prescribedMg: 56, weightKg: WeightKg);
            }
            else
            {
                builder.StartIv(weightKg: WeightKg, mgPerKg: MgPerKg, plannedMin: PlannedMin, concentrationMgPerMl: ConcentrationMgPerMl);
            }
        }

        var minute = 0.0;
        foreach (var step in Steps)
        {
            minute += step.GapSeconds / 60.0;
            builder.ReceiveDelay = TimeSpan.FromSeconds(step.ReceiveDelaySeconds);
            if (step.LoseBefore)
            {
                builder.Lose(1);
            }

            switch (step.Kind)
            {
                case <= 2 when Intranasal:
                    builder.Dose(minute, 28);
                    break;
                case <= 2:
                    var mlPerHour = step.Extra % 3 == 0 ? ThresholdRate(step.Extra) : step.Value < 0.1 ? 0 : Math.Round(step.Value * 150, 1);
                    if (ratesPerWeight)
                    {
                        builder.RateMgPerKgPerHour(minute, mlPerHour * ConcentrationMgPerMl / WeightKg);
                    }
                    else
                    {
                        builder.RateMlPerHour(minute, mlPerHour);
                    }

                    break;
                case 3 when !Intranasal:
                    builder.Pause(minute);
                    break;
                case 4 when !Intranasal:
                    builder.Resume(minute);
                    break;
                case 5 when !Intranasal:
                    builder.PumpTotal(minute, Math.Round(step.Value * 60, 2));
                    break;
                case 6 when !Intranasal:
                    builder.Dose(minute, Math.Round(1 + (step.Value * 9), 1));
                    break;
                case 7:
                    builder.AdverseEffect(minute, (AdverseEffect)(step.Extra % 12), (AdverseEffectSeverity)(step.Extra % 4));
                    break;
                default:
                    builder.Vitals(
                        minute,
                        hr: step.Extra % 5 == 0 ? null : 60 + (step.Value * 90),
                        sys: 100 + (step.Value2 * 110),
                        dia: 60 + (step.Value * 65),
                        spo2: step.Extra % 3 == 0 ? null : 86 + (step.Value2 * 14),
                        rr: step.Extra % 4 == 0 ? null : 6 + (step.Value * 14));
                    break;
            }
        }

        if (Ended)
        {
            builder.ReceiveDelay = TimeSpan.FromSeconds(5);
            builder.End(minute + 1, EndReason);
        }

        return [.. builder.Events];
    }

    /// <summary>
    /// A rate programmed exactly at a threshold (soft or hard maximum, expected rate ± 10 %), to two decimals of mL/h as a
    /// pump would take it: where mL/h and mg/kg/h reach mg/h by different rounding, only a tolerant comparison agrees.
    /// </summary>
    private double ThresholdRate(int extra)
    {
        var expectedMgPerHour = MgPerKg * WeightKg / (PlannedMin / 60);
        var mgPerHour = (extra / 3 % 4) switch
        {
            0 => 1.5 * WeightKg,
            1 => 3.0 * WeightKg,
            2 => expectedMgPerHour * 1.1,
            _ => expectedMgPerHour * 0.9,
        };
        return Math.Round(mgPerHour / ConcentrationMgPerMl, 2);
    }

    /// <summary>An evaluation time after every receipt, so timer rules have had their chance.</summary>
    public DateTimeOffset AsOf(List<StoredEvent> events, int extraMinutes) => events.Max(e => e.ReceivedAt).AddMinutes(extraMinutes);
}

/// <summary>One generated event: its kind (0–2 rate or device, 3 pause, 4 resume, 5 pump total, 6 bolus, 7 adverse effect, else vitals).</summary>
internal sealed record Step(int Kind, int GapSeconds, double Value, double Value2, int Extra, int ReceiveDelaySeconds, bool LoseBefore)
{
    public static readonly Gen<Step> Gen = CsCheck.Gen.Select(
        CsCheck.Gen.Int[0, 10],
        CsCheck.Gen.Int[0, 900],
        CsCheck.Gen.Double[0, 1],
        CsCheck.Gen.Double[0, 1],
        CsCheck.Gen.Int[0, 1000],
        CsCheck.Gen.Int[-420, 1500],
        CsCheck.Gen.Int[0, 19],
        (kind, gap, value, value2, extra, delay, lose) => new Step(kind, gap, value, value2, extra, delay, lose == 0));
}
