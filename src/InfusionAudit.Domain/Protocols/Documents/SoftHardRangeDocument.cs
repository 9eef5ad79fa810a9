namespace InfusionAudit.Domain.Protocols.Documents;

/// <summary>Sections <c>doseMgPerKg</c> and <c>durationMin</c>: the expected (soft) and allowed (hard) ranges.</summary>
internal sealed record SoftHardRangeDocument(
    RangeDocument? Soft,
    RangeDocument? Hard);
