using InfusionAudit.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace InfusionAudit.Functions.Functions;

/// <summary><c>GET /api/sessions/{sessionId}</c>.</summary>
public sealed class GetSessionFunction(RouteDispatcher dispatcher)
{
    [Function("GetSession")]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "sessions/{sessionId}")] HttpRequest request, string sessionId, CancellationToken cancellationToken) =>
        dispatcher.AnswerAsync(RouteTable.GetSession, request, new() { ["sessionId"] = sessionId }, cancellationToken);
}
