namespace InfusionAudit.Domain.Protocols.Documents;

/// <summary>Section <c>fixedDoseMg</c>.</summary>
internal sealed record FixedDoseDocument(
    double[]? Allowed,
    double? HardMax);
