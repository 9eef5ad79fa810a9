using InfusionAudit.Application.Sessions;

namespace InfusionAudit.Application.Audit;

/// <summary>
/// Everything stored of one session, for an export that must be whole (the FHIR Bundle): its document with every event
/// and every finding (withdrawn ones included), and every alert of the session.
/// </summary>
/// <param name="ClinicId">The session's clinic: a session is a clinic's session id.</param>
public sealed record SessionExport(string ClinicId, SessionDocument Document, IReadOnlyList<SessionAlertDocument> Alerts);
