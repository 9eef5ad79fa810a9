using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Protocols;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// One measure of a <c>VitalsRecorded</c> as the vitals rules walk it: its usable value (<see cref="VitalsReading"/>), the
/// raw value, its physiological range in <c>vitals.plausible</c> and its unit for the evidence.
/// </summary>
internal sealed class VitalMeasure
{
    public static readonly VitalMeasure HeartRate = new(static r => r.HeartRateBpm, static v => v.HeartRateBpm, static p => p.HeartRateBpm, "bpm");

    public static readonly VitalMeasure Spo2 = new(static r => r.Spo2Percent, static v => v.Spo2Percent, static p => p.Spo2Percent, "%");

    public static readonly VitalMeasure RespiratoryRate = new(static r => r.RespiratoryRatePerMin, static v => v.RespiratoryRatePerMin, static p => p.RespiratoryRatePerMin, "/min");

    private VitalMeasure(
        Func<VitalsReading, double> usable,
        Func<VitalsRecordedPayload, double?> raw,
        Func<VitalsPlausibility, ValueRange<double>> plausible,
        string unit)
    {
        Usable = usable;
        Raw = raw;
        Plausible = plausible;
        Unit = unit;
    }

    /// <summary>The value after the plausibility check: NaN when absent or implausible.</summary>
    public Func<VitalsReading, double> Usable { get; }

    /// <summary>The value as sent.</summary>
    public Func<VitalsRecordedPayload, double?> Raw { get; }

    public Func<VitalsPlausibility, ValueRange<double>> Plausible { get; }

    public string Unit { get; }
}
