namespace InfusionAudit.Domain.Protocols.Documents;

/// <summary>Section <c>weightKg</c>.</summary>
internal sealed record PlausibleRangeDocument(
    RangeDocument? Plausible,
    double? ChangedAbovePercent,
    double? ChangedWithinDays,
    RangeDocument? PoundsForKilogramsRatio,
    RangeDocument? KilogramsForPoundsRatio);
