namespace InfusionAudit.Domain.Contract;

/// <summary>Payload of <c>VitalsRecorded</c>: at least one reading; each property carries its unit in its name.</summary>
/// <remarks>Values are as measured: physiological plausibility is a clinical rule (<c>VITALS-IMPLAUSIBLE</c>), not a contract rule.</remarks>
public sealed record VitalsRecordedPayload(
    double? HeartRateBpm,
    double? SystolicMmHg,
    double? DiastolicMmHg,
    double? Spo2Percent,
    double? RespiratoryRatePerMin) : EventPayload;
