using InfusionAudit.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace InfusionAudit.Functions.Functions;

/// <summary><c>GET /api/health/ready</c>: anonymous readiness (the infra template's health check path).</summary>
public sealed class ReadinessFunction(RouteDispatcher dispatcher)
{
    [Function("Readiness")]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health/ready")] HttpRequest request) =>
        dispatcher.AnswerAsync(RouteTable.Readiness, request, new(), request.HttpContext.RequestAborted);
}
