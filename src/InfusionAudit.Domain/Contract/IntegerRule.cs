namespace InfusionAudit.Domain.Contract;

/// <summary>The inclusive range of one integer field.</summary>
internal sealed record IntegerRule(long Minimum, long Maximum);
