namespace InfusionAudit.Domain.Protocols.Documents;

/// <summary>Section <c>weightKg</c>.</summary>
internal sealed record PlausibleRangeDocument(
    RangeDocument? Plausible);
