using InfusionAudit.Application.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace InfusionAudit.Functions.Functions;

/// <summary><c>GET /api/clinics/{clinicId}/sessions</c>.</summary>
public sealed class AuditClinicSessionsFunction(AuditClinicSessionsEndpoint endpoint)
{
    [Function("AuditClinicSessions")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "clinics/{clinicId}/sessions")] HttpRequest request,
        string clinicId,
        CancellationToken cancellationToken) =>
        await (await endpoint.GetAsync(request, clinicId, cancellationToken)).WriteAsync(request);
}
