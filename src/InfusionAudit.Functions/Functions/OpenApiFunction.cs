using InfusionAudit.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace InfusionAudit.Functions.Functions;

/// <summary><c>GET /api/openapi.json</c>.</summary>
public sealed class OpenApiFunction(RouteDispatcher dispatcher)
{
    [Function("OpenApi")]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest request) =>
        dispatcher.AnswerAsync(RouteTable.OpenApi, request, new(), request.HttpContext.RequestAborted);
}
