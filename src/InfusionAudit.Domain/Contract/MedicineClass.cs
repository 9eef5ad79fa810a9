namespace InfusionAudit.Domain.Contract;

/// <summary>Classes of concomitant medicine a screening records (contract 1.1); contract spelling is camelCase of these names.</summary>
/// <remarks>The classes the esketamine REMS monitoring form and the ketamine sedation checklists ask about.</remarks>
public enum MedicineClass
{
    Benzodiazepine,
    Opioid,
    Psychostimulant,
    MonoamineOxidaseInhibitor,
    SedativeHypnotic,
    Antipsychotic,
    Antiepileptic,
    Other,
}
