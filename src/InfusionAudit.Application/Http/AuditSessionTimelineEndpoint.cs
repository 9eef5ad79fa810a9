using InfusionAudit.Application.Audit;
using InfusionAudit.Application.Security;
using Microsoft.AspNetCore.Http;

namespace InfusionAudit.Application.Http;

/// <summary>
/// <c>GET /api/sessions/{sessionId}/timeline</c> (auditor, on-call): state, events, findings and alerts of one session on
/// one time line. Recorded in the access log.
/// </summary>
public sealed class AuditSessionTimelineEndpoint(AuditReadPipeline pipeline, SessionTimelineHandler timelines)
{
    public const string Route = "/api/sessions/{sessionId}/timeline";

    public Task<IResult> GetAsync(HttpRequest request, string sessionId, CancellationToken cancellationToken) =>
        pipeline.ReadAsync(request, Route, [CallerRole.Auditor, CallerRole.OnCall], async _ =>
        {
            var p = new AuditParameters(request);
            var id = p.RouteId("sessionId", sessionId);
            if (p.Problem is { } problem)
            {
                return AuditAnswer.Refused(problem);
            }

            var timeline = await timelines.GetAsync(id, cancellationToken);
            return timeline is null
                ? AuditAnswer.Refused(Problems.NotFound($"No session {id} has been received."))
                : new AuditAnswer(Results.Json(timeline, JsonDefaults.Options), 1 + timeline.Timeline.Count);
        }, cancellationToken);
}
