namespace InfusionAudit.Domain.Contract;

/// <summary>Payload of <c>VitalsRecorded</c>: at least one reading; each property carries its unit in its name.</summary>
/// <remarks>Contract 1.1 added the optional end-tidal CO2 (<c>etco2MmHg</c>). Values are as measured: physiological plausibility is a clinical rule (<c>VITALS-IMPLAUSIBLE</c>), not a contract rule.</remarks>
public sealed record VitalsRecordedPayload(
    double? HeartRateBpm,
    double? SystolicMmHg,
    double? DiastolicMmHg,
    double? Spo2Percent,
    double? RespiratoryRatePerMin,
    double? Etco2MmHg = null) : EventPayload;
