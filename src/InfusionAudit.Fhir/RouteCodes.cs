using Hl7.Fhir.Model;
using InfusionAudit.Domain.Contract;

namespace InfusionAudit.Fhir;

/// <summary>The contract's routes of administration as SNOMED CT route concepts.</summary>
internal static class RouteCodes
{
    public static CodeableConcept Of(Route route)
    {
        var (code, display) = route switch
        {
            Route.IV => ("47625008", "Intravenous route"),
            Route.IN => ("46713006", "Nasal route"),
            Route.SC => ("34206005", "Subcutaneous route"),
            Route.IM => ("78421000", "Intramuscular route"),
            _ => throw new ArgumentOutOfRangeException(nameof(route), route, "A contract route without a SNOMED CT code."),
        };
        return new CodeableConcept(FhirSystems.Snomed, code, display, route.ToString());
    }
}
