using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace InfusionAudit.Testing;

/// <summary>
/// Offline FHIR R4 validation (Firely.Fhir.Validation.R4) against the R4 specification package
/// (Hl7.Fhir.Specification.Data.R4: its specification.zip, copied next to the test assembly): the core resource
/// definitions, the vital-signs profiles and the core code systems and value sets, terminology checked locally (no
/// terminology server; SNOMED CT, LOINC and UCUM are not in the package, so their codes are checked for form only).
/// Loading the package takes seconds: one instance serves the whole test process.
/// </summary>
public sealed class FhirValidation
{
    private static readonly Lazy<FhirValidation> Instance = new(() => new FhirValidation());

    private readonly Validator validator;

    private FhirValidation()
    {
        var source = new CachedResolver(ZipSource.CreateValidationSource());
        validator = new Validator(source, LocalTerminologyService.CreateDefaultForCore(source));
    }

    public static FhirValidation Shared => Instance.Value;

    /// <summary>FHIR JSON as a client reads it: strictly (an element the R4 model does not know is an error).</summary>
    public static T Parse<T>(string json)
        where T : Resource => new FhirJsonDeserializer().Deserialize<T>(json);

    /// <summary>The issues of one resource against its core definition and the profiles it declares in <c>meta.profile</c>, or against <paramref name="profile"/>.</summary>
    public IReadOnlyList<FhirIssue> Validate(Resource resource, string? profile = null)
    {
        OperationOutcome outcome;
        lock (validator)
        {
            // One validator, several test threads: its caches are not documented as thread-safe.
            outcome = profile is null ? validator.Validate(resource) : validator.Validate(resource, profile);
        }

        return [.. outcome.Issue.Select(i => new FhirIssue(
            i.Severity?.ToString() ?? "unknown",
            i.Code?.ToString() ?? "unknown",
            i.Details?.Text ?? i.Diagnostics ?? string.Empty,
            string.Join(", ", i.Expression ?? i.Location ?? [])))];
    }
}
