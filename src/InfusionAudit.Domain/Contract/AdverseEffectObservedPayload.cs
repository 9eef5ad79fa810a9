namespace InfusionAudit.Domain.Contract;

/// <summary>Payload of <c>AdverseEffectObserved</c>.</summary>
/// <param name="Effect">The effect observed.</param>
/// <param name="Severity">Its severity.</param>
/// <param name="CadssScore">Optional CADSS dissociation score, 0–92.</param>
/// <param name="Note">Optional note, at most 500 characters.</param>
public sealed record AdverseEffectObservedPayload(
    AdverseEffect Effect,
    AdverseEffectSeverity Severity,
    int? CadssScore,
    string? Note) : EventPayload;
