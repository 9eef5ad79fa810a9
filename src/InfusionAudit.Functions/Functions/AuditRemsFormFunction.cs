using InfusionAudit.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace InfusionAudit.Functions.Functions;

/// <summary><c>GET /api/sessions/{sessionId}/rems-form</c>.</summary>
public sealed class AuditRemsFormFunction(RouteDispatcher dispatcher)
{
    [Function("AuditRemsForm")]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "sessions/{sessionId}/rems-form")] HttpRequest request, string sessionId, CancellationToken cancellationToken) =>
        dispatcher.AnswerAsync(RouteTable.GetSessionRemsForm, request, new() { ["sessionId"] = sessionId }, cancellationToken);
}
