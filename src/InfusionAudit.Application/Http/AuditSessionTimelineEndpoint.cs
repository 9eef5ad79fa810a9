using InfusionAudit.Application.Audit;
using InfusionAudit.Application.Sessions;
using Microsoft.AspNetCore.Http;

namespace InfusionAudit.Application.Http;

/// <summary>
/// <c>GET /api/sessions/{sessionId}/timeline</c>: state, events, findings and alerts of one session on
/// one time line. The clinic as for <see cref="SessionsEndpoint"/>: <c>clinicId</c>, needed when several clinics use the
/// session id.
/// </summary>
public sealed class AuditSessionTimelineEndpoint(SessionTimelineHandler timelines, SessionQueryHandler sessions)
{
    public async Task<AuditAnswer> GetAsync(HttpRequest request, string sessionId, CancellationToken cancellationToken)
    {
        var p = new AuditParameters(request, SessionClinic.ClinicIdName);
        var id = p.RouteId("sessionId", sessionId);
        var named = p.Id(SessionClinic.ClinicIdName);
        if (p.Problem is { } problem)
        {
            return AuditAnswer.Refused(problem);
        }

        var (clinicId, unresolved) = await SessionClinic.ResolveAsync(sessions, id, named, cancellationToken);
        if (unresolved is not null)
        {
            return AuditAnswer.Refused(unresolved);
        }

        var timeline = await timelines.GetAsync(clinicId!, id, cancellationToken);
        return timeline is null
            ? AuditAnswer.Refused(Problems.NotFound($"No session {id} of clinic {clinicId} has been received."))
            : new AuditAnswer(Results.Json(timeline, JsonDefaults.Options), 1 + timeline.Timeline.Count);
    }
}
