namespace InfusionAudit.Domain.Protocols;

/// <summary>Physiological ranges (inclusive); a value outside is <c>VITALS-IMPLAUSIBLE</c> and is not used by the other vitals rules.</summary>
/// <param name="HeartRateBpm">Heart rate, beats per minute.</param>
/// <param name="SystolicMmHg">Systolic pressure, mmHg.</param>
/// <param name="DiastolicMmHg">Diastolic pressure, mmHg (also implausible when not below the systolic of the same reading).</param>
/// <param name="Spo2Percent">Oxygen saturation, percent.</param>
/// <param name="RespiratoryRatePerMin">Breaths per minute.</param>
public sealed record VitalsPlausibility(
    ValueRange<double> HeartRateBpm,
    ValueRange<double> SystolicMmHg,
    ValueRange<double> DiastolicMmHg,
    ValueRange<double> Spo2Percent,
    ValueRange<double> RespiratoryRatePerMin);
