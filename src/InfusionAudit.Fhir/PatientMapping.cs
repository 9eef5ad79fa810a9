using Hl7.Fhir.Model;
using InfusionAudit.Domain.Sessions;

namespace InfusionAudit.Fhir;

/// <summary>
/// The pseudonymous patient: its only identifier is the keyed hash of the patient reference, within the identity scope
/// (the same hash the session document and the course route show). The clear reference never reaches the backend's
/// storage, so it cannot reach the export. Before <c>SessionStarted</c> arrives the hash is unknown: the Patient is then
/// written without an identifier (the session has a patient; which one is not yet known), never with a guessed one.
/// </summary>
internal static class PatientMapping
{
    public static void Add(SessionResources bundle, SessionState state)
    {
        var patient = new Patient
        {
            // Tied to the hash, so one patient's sessions export the same Patient id; without it, to the session.
            Id = state.PatientRefHash is { } hash ? FhirIds.Uuid("patient|" + hash) : bundle.IdOf("patient"),
        };
        if (state.PatientRefHash is { } known)
        {
            patient.Identifier.Add(new Identifier(FhirSystems.PatientRefHash, known)
            {
                Use = Identifier.IdentifierUse.Secondary,
                Type = new CodeableConcept { Text = "keyed hash of the clinic's patient reference (pseudonym)" },
            });
        }

        bundle.Patient = bundle.Add(patient);
    }
}
