using InfusionAudit.Application.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace InfusionAudit.Functions.Functions;

/// <summary><c>GET /api/health/ready</c>: anonymous readiness (the infra template's health check path).</summary>
public sealed class ReadinessFunction(ReadinessEndpoint endpoint)
{
    [Function("Readiness")]
    public async Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health/ready")] HttpRequest request, CancellationToken cancellationToken) =>
        await (await endpoint.GetAsync(cancellationToken)).WriteAsync(request);
}
