using InfusionAudit.Application.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace InfusionAudit.Functions.Functions;

/// <summary><c>GET /api/access-log</c> (admin).</summary>
public sealed class AuditAccessLogFunction(AuditAccessLogEndpoint endpoint)
{
    [Function("AuditAccessLog")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "access-log")] HttpRequest request,
        CancellationToken cancellationToken) =>
        await (await endpoint.GetAsync(request, cancellationToken)).WriteAsync(request);
}
