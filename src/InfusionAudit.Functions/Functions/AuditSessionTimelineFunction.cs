using InfusionAudit.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace InfusionAudit.Functions.Functions;

/// <summary><c>GET /api/sessions/{sessionId}/timeline</c>.</summary>
public sealed class AuditSessionTimelineFunction(RouteDispatcher dispatcher)
{
    [Function("AuditSessionTimeline")]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "sessions/{sessionId}/timeline")] HttpRequest request, string sessionId, CancellationToken cancellationToken) =>
        dispatcher.AnswerAsync(RouteTable.GetSessionTimeline, request, new() { ["sessionId"] = sessionId }, cancellationToken);
}
