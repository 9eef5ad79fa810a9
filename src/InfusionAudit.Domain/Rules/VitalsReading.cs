using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Protocols;
using InfusionAudit.Domain.Sessions;
using InfusionAudit.Domain.Units;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// The usable values of one <c>VitalsRecorded</c>: NaN when absent or implausible (outside <c>vitals.plausible</c>, or a
/// diastolic not below the systolic). Heart rate, blood pressure, SpO2 and respiratory rate are separate measurements: an
/// implausible one does not discard the others, but systolic and diastolic stand or fall together.
/// </summary>
internal readonly struct VitalsReading
{
    private VitalsReading(double hr, double systolic, double diastolic, double spo2, double rr, string? implausible)
    {
        HeartRateBpm = hr;
        SystolicMmHg = systolic;
        DiastolicMmHg = diastolic;
        Spo2Percent = spo2;
        RespiratoryRatePerMin = rr;
        Implausible = implausible;
    }

    public double HeartRateBpm { get; }

    public double SystolicMmHg { get; }

    public double DiastolicMmHg { get; }

    public double Spo2Percent { get; }

    public double RespiratoryRatePerMin { get; }

    /// <summary>What was implausible, for the evidence; null when everything present was plausible.</summary>
    public string? Implausible { get; }

    public bool HasPressure => !double.IsNaN(SystolicMmHg) || !double.IsNaN(DiastolicMmHg);

    public static VitalsReading Of(VitalsRecordedPayload payload, VitalsPlausibility plausible)
    {
        List<string>? problems = null;
        var hr = Check(payload.HeartRateBpm, plausible.HeartRateBpm, "heart rate", "bpm", ref problems);
        var systolic = Check(payload.SystolicMmHg, plausible.SystolicMmHg, "systolic", "mmHg", ref problems);
        var diastolic = Check(payload.DiastolicMmHg, plausible.DiastolicMmHg, "diastolic", "mmHg", ref problems);
        var spo2 = Check(payload.Spo2Percent, plausible.Spo2Percent, "SpO2", "%", ref problems);
        var rr = Check(payload.RespiratoryRatePerMin, plausible.RespiratoryRatePerMin, "respiratory rate", "/min", ref problems);
        if (payload.SystolicMmHg is { } s && payload.DiastolicMmHg is { } d && d >= s)
        {
            (problems ??= []).Add(NotBelow(d, s));
            systolic = double.NaN;
            diastolic = double.NaN;
        }

        // Systolic and diastolic come from one cuff measurement: when one is implausible the other is not trusted either.
        if ((payload.SystolicMmHg is not null && double.IsNaN(systolic)) || (payload.DiastolicMmHg is not null && double.IsNaN(diastolic)))
        {
            systolic = double.NaN;
            diastolic = double.NaN;
        }

        return new VitalsReading(hr, systolic, diastolic, spo2, rr, problems is null ? null : string.Join("; ", problems));
    }

    /// <summary>
    /// The timeline index of the last reading before <paramref name="index"/> with a plausible blood pressure (and that
    /// reading), or -1 when there is none: the pre-dose pressure both pre-dose rules judge.
    /// </summary>
    public static int LastPressureBefore(ReadOnlySpan<TimelineEntry> entries, int index, VitalsPlausibility plausible, out VitalsReading reading)
    {
        for (var i = index - 1; i >= 0; i--)
        {
            if (entries[i].Event.Payload is VitalsRecordedPayload vitals && Of(vitals, plausible) is { HasPressure: true } found)
            {
                reading = found;
                return i;
            }
        }

        reading = default;
        return -1;
    }

    /// <summary>
    /// The value a low-limit rule judges for the reading at <paramref name="index"/>: <paramref name="plausibleValue"/>, or,
    /// when that is NaN because the raw value lies below the physiological <paramref name="floor"/>, the raw value if a
    /// second reading below the floor confirms it (<see cref="ConfirmedBelowFloor"/>, looking back only, so the finding is
    /// the same however the readings arrived), with the evidence <paramref name="note"/>; NaN otherwise.
    /// </summary>
    public static double ForLowLimit(
        ReadOnlySpan<TimelineEntry> entries,
        int index,
        double plausibleValue,
        Func<VitalsRecordedPayload, double?> measure,
        double floor,
        string unit,
        TimeSpan within,
        out string note)
    {
        note = "";
        if (!double.IsNaN(plausibleValue))
        {
            return plausibleValue;
        }

        if (!ConfirmedBelowFloor(entries, index, measure, floor, within.Ticks, lookAhead: false))
        {
            return double.NaN;
        }

        note = $"; below the physiological floor {Text.Vital(floor)} {unit} twice within {Text.Duration(within)}: judged as real";
        return measure((VitalsRecordedPayload)entries[index].Event.Payload)!.Value;
    }

    /// <summary>
    /// True when the reading at <paramref name="index"/> has <paramref name="measure"/> below <paramref name="floor"/> and another
    /// reading at most <paramref name="within"/> earlier on the timeline (or later too, with <paramref name="lookAhead"/>) does
    /// as well: two such readings are a patient in trouble rather than a loose probe.
    /// </summary>
    public static bool ConfirmedBelowFloor(
        ReadOnlySpan<TimelineEntry> entries, int index, Func<VitalsRecordedPayload, double?> measure, double floor, long within, bool lookAhead)
    {
        if (entries[index].Event.Payload is not VitalsRecordedPayload own || !(measure(own) < floor))
        {
            return false;
        }

        var at = entries[index].OccurredTicks;
        for (var i = index - 1; i >= 0 && at - entries[i].OccurredTicks <= within; i--)
        {
            if (entries[i].Event.Payload is VitalsRecordedPayload other && measure(other) < floor)
            {
                return true;
            }
        }

        for (var i = index + 1; lookAhead && i < entries.Length && entries[i].OccurredTicks - at <= within; i++)
        {
            if (entries[i].Event.Payload is VitalsRecordedPayload other && measure(other) < floor)
            {
                return true;
            }
        }

        return false;
    }

    private static double Check(double? value, ValueRange<double> range, string name, string unit, ref List<string>? problems)
    {
        if (value is not { } v)
        {
            return double.NaN;
        }

        if (v >= range.Min && v <= range.Max)
        {
            return v;
        }

        var (shown, min, max) = Text.Outside(v, range.Min, range.Max, ShownPrecision.Vital);
        (problems ??= []).Add($"{name} {shown} {unit} outside {min}–{max} {unit}");
        return double.NaN;
    }

    private static string NotBelow(double diastolic, double systolic)
    {
        var (d, s) = Text.Compared(diastolic, systolic, ShownPrecision.Vital);
        return $"diastolic {d} mmHg not below systolic {s} mmHg";
    }
}
