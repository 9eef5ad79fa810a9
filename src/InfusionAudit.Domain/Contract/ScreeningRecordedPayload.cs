namespace InfusionAudit.Domain.Contract;

/// <summary>Payload of <c>ScreeningRecorded</c> (contract 1.1): the pre-dose checklist.</summary>
/// <param name="ContraindicationsChecked">The contraindications were checked (<c>contraindicationsChecked</c>).</param>
/// <param name="Contraindications">
/// The contraindications found, as ids (<c>contraindications</c>, e.g. <c>aneurysmalVascularDisease</c>); empty when none.
/// A protocol lists the ids that forbid dosing (<c>SCREENING-CONTRAINDICATION</c>).
/// </param>
/// <param name="ConcomitantMedicineClasses">Classes of medicine the patient takes (<c>concomitantMedicineClasses</c>); empty when none.</param>
/// <param name="ConsentObtained">Informed consent was obtained for this session (<c>consentObtained</c>).</param>
public sealed record ScreeningRecordedPayload(
    bool ContraindicationsChecked,
    IReadOnlyList<string> Contraindications,
    IReadOnlyList<MedicineClass> ConcomitantMedicineClasses,
    bool ConsentObtained) : EventPayload;
