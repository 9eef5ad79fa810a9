using InfusionAudit.Application.Audit;

namespace InfusionAudit.Fhir.Tests;

/// <summary>Access-log rows as the access-log handler reads them: a read, a refused parameter, a refused key.</summary>
internal static class AccessLogRows
{
    public static IReadOnlyList<AccessLogEntryDocument> Three() =>
    [
        new(Scenarios.Start.AddMinutes(60), "auditor:1a2b3c4d", "auditor", "/api/sessions/{sessionId}",
            JudgedSession.Raw("""{"path":"/api/sessions/S-1","query":{"clinicId":"fhir-01"}}"""), 200, 12, "r-ok"),
        new(Scenarios.Start.AddMinutes(61), "auditor:1a2b3c4d", "auditor", "/api/clinics/{clinicId}/sessions",
            JudgedSession.Raw("""{"path":"/api/clinics/fhir-01/sessions","query":{"from":"2026-03-02"}}"""), 400, 0, "r-bad"),
        new(Scenarios.Start.AddMinutes(62), "unknown-key", null, "/api/access-log",
            JudgedSession.Raw("""{"path":"/api/access-log","query":{"date":"2026-03-02"}}"""), 401, 0, "r-key"),
    ];
}
