namespace InfusionAudit.Domain.Contract;

/// <summary>Adverse effects a device or nurse can report; contract spelling is camelCase of these names.</summary>
public enum AdverseEffect
{
    Nausea,
    Vomiting,
    Dizziness,
    Tachycardia,
    Hypertension,
    Hallucinations,
    Dissociation,
    Sedation,
    RespiratoryDepression,
    LossOfConsciousness,
    Agitation,
    Other,
}
