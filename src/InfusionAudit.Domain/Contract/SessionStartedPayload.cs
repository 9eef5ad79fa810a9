using InfusionAudit.Domain.Units;

namespace InfusionAudit.Domain.Contract;

/// <summary>Payload of <c>SessionStarted</c>.</summary>
/// <param name="PatientRef">
/// The clinic's patient identifier as received. The ingestion pipeline replaces it with its keyed hash
/// before anything is stored or judged, so past ingestion this holds the hash.
/// </param>
/// <param name="ProtocolId">Protocol library id, e.g. <c>ketamine-iv-depression</c>.</param>
/// <param name="Route">Route of administration.</param>
/// <param name="Weight">Patient weight (<c>weightKg</c>).</param>
/// <param name="PrescribedDosePerWeight">Weight-based prescription (<c>prescribedDoseMgPerKg</c>); exactly one of this and <paramref name="PrescribedDose"/>.</param>
/// <param name="PrescribedDose">Fixed prescription (<c>prescribedDoseMg</c>).</param>
/// <param name="PlannedDuration">Planned infusion time (<c>plannedDurationMin</c>); infusions only.</param>
/// <param name="Concentration">Infusion concentration (<c>concentrationMgPerMl</c>); infusions only.</param>
/// <param name="PatientAgeYears">Optional age in whole years.</param>
public sealed record SessionStartedPayload(
    string PatientRef,
    string ProtocolId,
    Route Route,
    BodyWeight Weight,
    WeightBasedDose? PrescribedDosePerWeight,
    Dose? PrescribedDose,
    TimeSpan? PlannedDuration,
    Concentration? Concentration,
    int? PatientAgeYears) : EventPayload;
