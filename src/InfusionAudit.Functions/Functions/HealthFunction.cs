using InfusionAudit.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace InfusionAudit.Functions.Functions;

/// <summary><c>GET /api/health</c>: liveness, anonymous (as is readiness, <see cref="ReadinessFunction"/>).</summary>
public sealed class HealthFunction(RouteDispatcher dispatcher)
{
    [Function("Health")]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request) =>
        dispatcher.AnswerAsync(RouteTable.Health, request, new(), request.HttpContext.RequestAborted);
}
