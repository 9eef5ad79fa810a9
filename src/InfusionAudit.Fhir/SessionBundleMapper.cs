using System.Text.Json;
using Hl7.Fhir.Model;
using InfusionAudit.Application;
using InfusionAudit.Application.Audit;
using InfusionAudit.Domain.Sessions;

namespace InfusionAudit.Fhir;

/// <summary>
/// One session as a FHIR R4 <c>collection</c> Bundle (docs/fhir.md): the pseudonymous Patient, the
/// MedicationAdministrations, the vital-sign Observations, a DetectedIssue per finding and per rule not evaluated, and
/// a Flag per unresolved alert. Every resource id is a function of the session and what the resource stands for, so an
/// export repeated later carries the same ids; entries are named by <c>urn:uuid:</c> full URLs and every reference
/// between them is one of those URLs, so each resolves inside the Bundle. Only <c>timestamp</c> (when it was
/// assembled) differs between two exports of unchanged data.
/// </summary>
public static class SessionBundleMapper
{
    public static Bundle Map(SessionExport export, DateTimeOffset assembledAt)
    {
        ArgumentNullException.ThrowIfNull(export);
        var document = export.Document;
        var state = document.State.Deserialize<SessionState>(JsonDefaults.Options)
            ?? throw new InvalidOperationException($"Session {document.SessionId} has no state.");
        var bundle = new SessionResources(export.ClinicId, document.SessionId);

        PatientMapping.Add(bundle, state);
        MedicationAdministrationMapping.Add(bundle, state, document.Events, document.State);
        VitalSignsMapping.Add(bundle, document.Events);
        var issues = DetectedIssueMapping.Add(bundle, document.Findings, state);
        FlagMapping.Add(bundle, export.Alerts, issues);

        var result = new Bundle
        {
            Id = bundle.IdOf("bundle"),
            Type = Bundle.BundleType.Collection,
            Identifier = new Identifier(FhirSystems.Export, bundle.Scoped("session")),
            Timestamp = assembledAt,
        };
        result.Entry.AddRange(bundle.Entries);
        return result;
    }
}
