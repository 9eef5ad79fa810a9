using InfusionAudit.Application.Sessions;
using Microsoft.AspNetCore.Http;

namespace InfusionAudit.Http;

/// <summary>
/// Which clinic's session a read of <c>/api/sessions/{sessionId}</c> means: the one its <c>clinicId</c> names, else the
/// only clinic with a session of that id. Several clinics and no <c>clinicId</c>: a 409 problem naming them.
/// </summary>
internal static class SessionClinic
{
    public const string ClinicIdName = "clinicId";

    /// <returns>The clinic, or the problem to answer (404 when no clinic has the session, 409 when several do).</returns>
    public static async Task<(string? ClinicId, IResult? Problem)> ResolveAsync(SessionQueryHandler sessions, string sessionId, string? clinicId, CancellationToken cancellationToken)
    {
        if (clinicId is not null)
        {
            return (clinicId, null);
        }

        var clinics = await sessions.ClinicsOfAsync(sessionId, cancellationToken);
        return clinics.Count switch
        {
            0 => (null, Problems.NotFound($"No session {sessionId} has been received.")),
            1 => (clinics[0], null),
            _ => (null, Problems.AmbiguousSession(sessionId, clinics)),
        };
    }
}
