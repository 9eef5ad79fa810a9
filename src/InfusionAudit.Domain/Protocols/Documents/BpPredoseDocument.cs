namespace InfusionAudit.Domain.Protocols.Documents;

/// <summary>Section <c>vitals.bpPredose</c>.</summary>
internal sealed record BpPredoseDocument(
    double? SystolicAboveMmHg,
    double? DiastolicAboveMmHg,
    double? WithinMin);
