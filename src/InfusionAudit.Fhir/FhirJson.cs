using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace InfusionAudit.Fhir;

/// <summary>FHIR JSON out (the SDK's serializer: element order and representation as the specification defines them).</summary>
public static class FhirJson
{
    /// <summary>The FHIR JSON media type (FHIR R4 §3.1.0.1.7).</summary>
    public const string MediaType = "application/fhir+json";

    private static readonly FhirJsonSerializer Serializer = new();

    public static string Serialize(Resource resource) => Serializer.SerializeToString(resource);
}
