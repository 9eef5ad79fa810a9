namespace InfusionAudit.Domain.Protocols.Documents;

/// <summary>A <c>{ min, max }</c> pair of one unit.</summary>
internal sealed record RangeDocument(
    double? Min,
    double? Max);
