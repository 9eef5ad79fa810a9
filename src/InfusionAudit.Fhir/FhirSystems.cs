namespace InfusionAudit.Fhir;

/// <summary>
/// The code and identifier systems the export writes. Standard ones by their canonical URI; InfusionAudit's own
/// identifiers under <c>https://infusionaudit.example/fhir/sid/</c>, the host that also names the event contract's schema.
/// </summary>
internal static class FhirSystems
{
    public const string Snomed = "http://snomed.info/sct";
    public const string Loinc = "http://loinc.org";
    public const string Ucum = "http://unitsofmeasure.org";

    /// <summary>ISO/IEEE 11073-10101 (MDC), as FHIR names it.</summary>
    public const string Mdc = "urn:iso:std:iso:11073:10101";

    public const string ObservationCategory = "http://terminology.hl7.org/CodeSystem/observation-category";
    public const string DataAbsentReason = "http://terminology.hl7.org/CodeSystem/data-absent-reason";
    public const string FlagCategory = "http://terminology.hl7.org/CodeSystem/flag-category";
    public const string AuditEventType = "http://terminology.hl7.org/CodeSystem/audit-event-type";
    public const string AuditEntityType = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
    public const string SecuritySourceType = "http://terminology.hl7.org/CodeSystem/security-source-type";

    public const string VitalSignsProfile = "http://hl7.org/fhir/StructureDefinition/vitalsigns";
    public const string FlagDetailExtension = "http://hl7.org/fhir/StructureDefinition/flag-detail";

    private const string Own = "https://infusionaudit.example/fhir/sid/";

    /// <summary>The patient's keyed hash (HMAC-SHA256 within the identity scope): the only patient identifier exported.</summary>
    public const string PatientRefHash = Own + "patient-ref-hash";

    /// <summary>An event of a session: <c>{clinicId}/{sessionId}/{eventId}</c> (an event id is unique within its session).</summary>
    public const string Event = Own + "event";

    /// <summary>A finding: <c>{clinicId}/{sessionId}/{ruleId}/{episodeKey}</c>.</summary>
    public const string Finding = Own + "finding";

    /// <summary>A rule that could not judge the session: <c>{clinicId}/{sessionId}/{ruleId}</c>.</summary>
    public const string RuleNotEvaluated = Own + "rule-not-evaluated";

    /// <summary>An alert id, as the alert API names it.</summary>
    public const string Alert = Own + "alert";

    /// <summary>An export: <c>{clinicId}/{sessionId}/session</c> for a session's Bundle.</summary>
    public const string Export = Own + "export";

    /// <summary>The rule ids of docs/rules.md.</summary>
    public const string RuleId = Own + "rule-id";

    /// <summary>Who read: an API key id (<c>auditor:1a2b3c4d</c>), an Entra principal (<c>entra:…</c>), <c>unknown-key</c> or <c>anonymous</c>.</summary>
    public const string Caller = Own + "caller";

    /// <summary>The request id of an access-log row.</summary>
    public const string Request = Own + "request";
}
