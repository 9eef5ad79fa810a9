namespace InfusionAudit.Domain.Protocols.Documents;

/// <summary>Section <c>rateMgPerKgPerHour</c>.</summary>
internal sealed record RateDocument(
    double? SoftMax,
    double? HardMax);
