using InfusionAudit.Application.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace InfusionAudit.Functions.Functions;

/// <summary><c>GET /api/sessions/{sessionId}/replay?protocolVersion=N</c>.</summary>
public sealed class ReplaySessionFunction(ReplayEndpoint endpoint)
{
    [Function("ReplaySession")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "sessions/{sessionId}/replay")] HttpRequest request,
        string sessionId,
        CancellationToken cancellationToken) =>
        await (await endpoint.GetAsync(request, sessionId, cancellationToken)).WriteAsync(request);
}
