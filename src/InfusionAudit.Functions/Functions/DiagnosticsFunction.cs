using InfusionAudit.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace InfusionAudit.Functions.Functions;

/// <summary><c>GET /api/diagnostics/counters</c> of this worker process.</summary>
public sealed class DiagnosticsFunction(RouteDispatcher dispatcher)
{
    [Function("DiagnosticsCounters")]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "diagnostics/counters")] HttpRequest request) =>
        dispatcher.AnswerAsync(RouteTable.DiagnosticsCounters, request, new(), request.HttpContext.RequestAborted);
}
