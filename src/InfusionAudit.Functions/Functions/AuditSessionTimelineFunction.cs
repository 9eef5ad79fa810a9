using InfusionAudit.Application.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace InfusionAudit.Functions.Functions;

/// <summary><c>GET /api/sessions/{sessionId}/timeline</c>.</summary>
public sealed class AuditSessionTimelineFunction(AuditSessionTimelineEndpoint endpoint)
{
    [Function("AuditSessionTimeline")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "sessions/{sessionId}/timeline")] HttpRequest request,
        string sessionId,
        CancellationToken cancellationToken) =>
        await (await endpoint.GetAsync(request, sessionId, cancellationToken)).WriteAsync(request);
}
