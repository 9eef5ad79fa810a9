namespace InfusionAudit.Domain.Protocols.Documents;

/// <summary>Section <c>vitals</c>.</summary>
internal sealed record VitalsDocument(
    BpPredoseDocument? BpPredose,
    BpHighDocument? BpHigh,
    BpCriticalDocument? BpCritical,
    double? HrHighAboveBpm,
    HrCriticalDocument? HrCritical,
    double? Spo2LowBelowPercent,
    double? Spo2CriticalBelowPercent,
    double? RrCriticalBelowPerMin,
    double? BelowFloorConfirmWithinMin,
    double? HrLowAtMostBpm,
    double? HrCriticalLowAtMostBpm,
    BpLowDocument? BpLow,
    double? RrHighAtLeastPerMin,
    double? BaselineChangeAbovePercent,
    double? MissingAfterMin,
    WindowDocument? BpAfterFirstDose,
    VitalsPlausibleDocument? Plausible);
