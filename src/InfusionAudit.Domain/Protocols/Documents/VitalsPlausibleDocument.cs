namespace InfusionAudit.Domain.Protocols.Documents;

/// <summary>Section <c>vitals.plausible</c>.</summary>
internal sealed record VitalsPlausibleDocument(
    RangeDocument? HeartRateBpm,
    RangeDocument? SystolicMmHg,
    RangeDocument? DiastolicMmHg,
    RangeDocument? Spo2Percent,
    RangeDocument? RespiratoryRatePerMin);
