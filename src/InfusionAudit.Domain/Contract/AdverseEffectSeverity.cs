namespace InfusionAudit.Domain.Contract;

/// <summary>Severity of an observed adverse effect; contract spelling is camelCase of these names.</summary>
public enum AdverseEffectSeverity
{
    Mild,
    Moderate,
    Severe,
    LifeThreatening,
}
