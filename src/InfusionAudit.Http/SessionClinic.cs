using InfusionAudit.Application.Sessions;
using InfusionAudit.Http.Audit;
using Microsoft.AspNetCore.Http;

namespace InfusionAudit.Http;

/// <summary>
/// Which clinic's session a read of <c>/api/sessions/{sessionId}</c> means: the one its <c>clinicId</c> names, else the
/// only clinic with a session of that id. Several clinics and no <c>clinicId</c>: a 409 problem naming them.
/// </summary>
internal static class SessionClinic
{
    public const string ClinicIdName = "clinicId";

    /// <summary>
    /// The clinic of the session a read names, once the read's parameters are valid (every session route's preamble).
    /// </summary>
    /// <returns>The clinic, or the refusal to answer: the parameters' problem (400), 404 when no clinic has the session,
    /// 409 when several do and <paramref name="clinicId"/> is not given.</returns>
    public static async Task<(string ClinicId, AuditAnswer? Refusal)> ResolveAsync(
        AuditParameters parameters, SessionQueryHandler sessions, string sessionId, string? clinicId, CancellationToken cancellationToken)
    {
        if (parameters.Problem is { } problem)
        {
            return (string.Empty, AuditAnswer.Refused(problem));
        }

        if (clinicId is not null)
        {
            return (clinicId, null);
        }

        var clinics = await sessions.ClinicsOfAsync(sessionId, cancellationToken);
        return clinics.Count switch
        {
            0 => (string.Empty, AuditAnswer.Refused(Problems.NotFound($"No session {sessionId} has been received."))),
            1 => (clinics[0], null),
            _ => (string.Empty, AuditAnswer.Refused(Problems.AmbiguousSession(sessionId, clinics))),
        };
    }

    /// <summary>The 404 of a session id its clinic has not received.</summary>
    public static AuditAnswer NotReceived(string sessionId, string clinicId) =>
        AuditAnswer.Refused(Problems.NotFound($"No session {sessionId} of clinic {clinicId} has been received."));
}
