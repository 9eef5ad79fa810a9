using CsCheck;
using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Sessions;
using InfusionAudit.Domain.Tests.Builders;

namespace InfusionAudit.Domain.Tests.Properties;

/// <summary>How 0.5 mg/kg reach the patient in 10 minutes of running time.</summary>
internal enum FastDoseMode
{
    /// <summary>A pump rate in mL/h (3 mg/kg/h through the concentration).</summary>
    RateMillilitres,

    /// <summary>A pump rate of 3 mg/kg/h.</summary>
    RateMilligramsPerKilogram,

    /// <summary>One bolus of 0.5 mg/kg.</summary>
    OneBolus,

    /// <summary>Two to five equal boluses within the 10 minutes.</summary>
    SplitBoluses,

    /// <summary>5 minutes at 3 mg/kg/h, then a bolus of 0.25 mg/kg.</summary>
    RateThenBolus,
}

/// <summary>How the infusion stops after its 10 running minutes.</summary>
internal enum FastDoseStop
{
    RateZero,
    Pause,
    End,
}

/// <summary>
/// A generated "full dose in 10 minutes" session (standard prescription 0.5 mg/kg over 40 min): see
/// <see cref="EndReasonPropertyTests.AFullDoseInTenMinutesIsAlwaysCritical"/>.
/// </summary>
internal sealed record FastDose(
    double WeightKg,
    double ConcentrationMgPerMl,
    FastDoseMode Mode,
    int[] PauseSeconds,
    FastDoseStop Stop,
    int EndReason,
    int EndAfterSeconds,
    bool SecondEnd,
    int Seed,
    int ExtraMinutes)
{
    public static readonly Gen<FastDose> Gen = CsCheck.Gen.Select(
        CsCheck.Gen.Int[350, 1600],
        CsCheck.Gen.OneOfConst(0.5, 1.0, 2.0, 10.0),
        CsCheck.Gen.Enum<FastDoseMode>(),
        CsCheck.Gen.Int[60, 1800].Array[0, 3],
        CsCheck.Gen.Enum<FastDoseStop>(),
        CsCheck.Gen.Select(CsCheck.Gen.Int[0, 5], CsCheck.Gen.Int[0, 3600], CsCheck.Gen.Bool),
        CsCheck.Gen.Int,
        CsCheck.Gen.Int[0, 120],
        (weight, concentration, mode, pauses, stop, end, seed, extra) =>
            new FastDose(weight / 10.0, concentration, mode, pauses, stop, end.Item1, end.Item2, end.Item3, seed, extra))
        .Where(f => f.Stop != FastDoseStop.End || f.EndReason < 5);

    /// <summary>The events, shuffled, some re-delivered, from a pump, a monitor and a tablet.</summary>
    public List<StoredEvent> Events()
    {
        var random = new Random(Seed);
        var builder = new SessionBuilder(deviceId: "tab-01").StartIv(weightKg: WeightKg, concentrationMgPerMl: ConcentrationMgPerMl);
        var totalMg = 0.5 * WeightKg;
        var mlPerHour = 3.0 * WeightKg / ConcentrationMgPerMl;
        var second = 60.0;
        builder.DeviceId = "mon-01";
        builder.Vitals(0.5, hr: 72, sys: 120, dia: 80, spo2: 98);

        // The 600 running seconds cut into pieces, with a pause between pieces.
        var runningSeconds = Mode == FastDoseMode.RateThenBolus ? 300 : 600;
        var cuts = PauseSeconds.Length == 0 ? [] : Enumerable.Range(0, PauseSeconds.Length).Select(_ => random.Next(1, runningSeconds)).Order().ToArray();
        var pieces = new List<int>();
        var previous = 0;
        foreach (var cut in cuts.Append(runningSeconds))
        {
            pieces.Add(cut - previous);
            previous = cut;
        }

        switch (Mode)
        {
            case FastDoseMode.OneBolus:
                builder.DeviceId = "pump-01";
                builder.Dose(second / 60, totalMg);
                second += 600;
                break;
            case FastDoseMode.SplitBoluses:
                builder.DeviceId = "pump-01";
                var count = 2 + random.Next(4);
                for (var i = 0; i < count; i++)
                {
                    builder.Dose((second + (i * 600.0 / count)) / 60, totalMg / count);
                }

                second += 600;
                break;
            default:
                for (var p = 0; p < pieces.Count; p++)
                {
                    builder.DeviceId = "pump-01";
                    if (p == 0 || random.Next(2) == 0)
                    {
                        Rate(builder, second / 60, mlPerHour);
                    }
                    else
                    {
                        builder.Resume(second / 60);
                    }

                    second += pieces[p];
                    if (p < pieces.Count - 1)
                    {
                        builder.Pause(second / 60);
                        second += PauseSeconds[p];
                    }
                }

                if (Mode == FastDoseMode.RateThenBolus)
                {
                    builder.Dose((second - 1) / 60, totalMg / 2);
                }

                break;
        }

        builder.DeviceId = "pump-01";
        switch (Stop)
        {
            case FastDoseStop.RateZero:
                Rate(builder, second / 60, 0);
                break;
            case FastDoseStop.Pause:
                builder.Pause(second / 60);
                break;
        }

        builder.DeviceId = "mon-01";
        for (var minute = 2; minute < (second + EndAfterSeconds) / 60; minute += 1 + random.Next(10))
        {
            builder.Vitals(minute, hr: 70 + random.Next(20), sys: 115 + random.Next(20), dia: 75 + random.Next(10), spo2: 96 + random.Next(4));
        }

        builder.DeviceId = "tab-01";
        if (Stop == FastDoseStop.End)
        {
            builder.End(second / 60, (SessionEndReason)EndReason);
        }
        else if (EndReason < 5)
        {
            builder.End((second + EndAfterSeconds) / 60, (SessionEndReason)EndReason);
        }

        if (SecondEnd)
        {
            builder.DeviceId = "pump-01";
            builder.End((second + EndAfterSeconds + 60) / 60, (SessionEndReason)random.Next(5));
        }

        var events = new List<StoredEvent>(builder.Events);
        foreach (var stored in builder.Events)
        {
            if (random.Next(5) == 0)
            {
                events.Add(stored with { ReceivedAt = stored.ReceivedAt.AddSeconds(random.Next(0, 900)) });
            }
        }

        var shuffled = events.ToArray();
        random.Shuffle(shuffled);
        return [.. shuffled];
    }

    public override string ToString() =>
        $"{WeightKg} kg at {ConcentrationMgPerMl} mg/mL, {Mode}, pauses [{string.Join(", ", PauseSeconds)}] s, stop {Stop}, " +
        $"end {(EndReason < 5 ? ((SessionEndReason)EndReason).ToString() : "none")} after {EndAfterSeconds} s{(SecondEnd ? " + second end" : "")}, seed {Seed}";

    private void Rate(SessionBuilder builder, double minute, double mlPerHour)
    {
        if (Mode == FastDoseMode.RateMilligramsPerKilogram)
        {
            builder.RateMgPerKgPerHour(minute, mlPerHour * ConcentrationMgPerMl / WeightKg);
        }
        else
        {
            builder.RateMlPerHour(minute, mlPerHour);
        }
    }
}
