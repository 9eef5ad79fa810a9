namespace InfusionAudit.Domain.Protocols.Documents;

/// <summary>Section <c>vitals.bpCritical</c>.</summary>
internal sealed record BpCriticalDocument(
    double? PairSystolicAtLeastMmHg,
    double? PairDiastolicAtLeastMmHg,
    double? PairWithinMin,
    double? SingleSystolicAtLeastMmHg,
    double? SingleDiastolicAtLeastMmHg);
