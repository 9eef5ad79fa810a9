using InfusionAudit.Application.Audit;
using InfusionAudit.Application.Security;
using InfusionAudit.Application.Sessions;
using Microsoft.AspNetCore.Http;

namespace InfusionAudit.Application.Http;

/// <summary><c>GET /api/sessions/{sessionId}</c>: state, events in sequence order and findings of one session. Recorded in the access log.</summary>
public sealed class SessionsEndpoint(SessionQueryHandler sessions, AuditReadPipeline pipeline)
{
    public const string Route = "/api/sessions/{sessionId}";

    public Task<IResult> GetAsync(HttpRequest request, string sessionId, CancellationToken cancellationToken) =>
        pipeline.ReadAsync(request, Route, [CallerRole.Auditor, CallerRole.OnCall], async _ =>
        {
            var p = new AuditParameters(request);
            var id = p.RouteId("sessionId", sessionId);
            if (p.Problem is { } problem)
            {
                return AuditAnswer.Refused(problem);
            }

            var document = await sessions.GetAsync(id, cancellationToken);
            return document is null
                ? AuditAnswer.Refused(Problems.NotFound($"No session {id} has been received."))
                : new AuditAnswer(Results.Json(document, JsonDefaults.Options), 1 + document.Events.Count + document.Findings.Count);
        }, cancellationToken);
}
