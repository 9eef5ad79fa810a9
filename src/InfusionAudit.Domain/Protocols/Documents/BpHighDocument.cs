namespace InfusionAudit.Domain.Protocols.Documents;

/// <summary>Section <c>vitals.bpHigh</c>.</summary>
internal sealed record BpHighDocument(
    double? SystolicAtLeastMmHg,
    double? DiastolicAtLeastMmHg);
