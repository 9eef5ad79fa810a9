namespace InfusionAudit.Domain.Protocols.Documents;

/// <summary>Section <c>elderly</c>.</summary>
internal sealed record ElderlyDocument(
    int? AgeYearsAtLeast,
    double? FirstSessionDoseMg);
