namespace InfusionAudit.Domain.Protocols.Documents;

/// <summary>Section <c>concentrationMgPerMl</c>.</summary>
internal sealed record HardRangeDocument(
    RangeDocument? Hard);
