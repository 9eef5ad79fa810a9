using InfusionAudit.Application.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace InfusionAudit.Functions.Functions;

/// <summary><c>GET /api/clinics/{clinicId}/rejected</c>.</summary>
public sealed class AuditRejectedFunction(AuditRejectedEndpoint endpoint)
{
    [Function("AuditRejected")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "clinics/{clinicId}/rejected")] HttpRequest request,
        string clinicId,
        CancellationToken cancellationToken) =>
        await (await endpoint.GetAsync(request, clinicId, cancellationToken)).WriteAsync(request);
}
