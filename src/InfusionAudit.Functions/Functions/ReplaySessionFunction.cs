using InfusionAudit.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace InfusionAudit.Functions.Functions;

/// <summary><c>GET /api/sessions/{sessionId}/replay?protocolVersion=N</c>.</summary>
public sealed class ReplaySessionFunction(RouteDispatcher dispatcher)
{
    [Function("ReplaySession")]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "sessions/{sessionId}/replay")] HttpRequest request, string sessionId, CancellationToken cancellationToken) =>
        dispatcher.AnswerAsync(RouteTable.ReplaySession, request, new() { ["sessionId"] = sessionId }, cancellationToken);
}
