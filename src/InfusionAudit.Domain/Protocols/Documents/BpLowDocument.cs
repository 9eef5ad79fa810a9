namespace InfusionAudit.Domain.Protocols.Documents;

/// <summary>Section <c>vitals.bpLow</c> (catalogue v2).</summary>
internal sealed record BpLowDocument(
    double? SystolicBelowMmHg,
    double? CriticalSystolicBelowMmHg,
    double? CriticalPairWithinMin);
