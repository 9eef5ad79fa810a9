namespace InfusionAudit.Domain.Protocols.Documents;

/// <summary>Section <c>rateDeviation</c>.</summary>
internal sealed record RateDeviationDocument(
    double? Percent,
    double? ForMoreThanMin);
