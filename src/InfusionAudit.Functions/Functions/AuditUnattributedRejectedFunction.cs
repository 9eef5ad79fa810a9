using InfusionAudit.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace InfusionAudit.Functions.Functions;

/// <summary><c>GET /api/rejected/unattributed</c>.</summary>
public sealed class AuditUnattributedRejectedFunction(RouteDispatcher dispatcher)
{
    [Function("AuditUnattributedRejected")]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "rejected/unattributed")] HttpRequest request, CancellationToken cancellationToken) =>
        dispatcher.AnswerAsync(RouteTable.ListUnattributedRejected, request, new(), cancellationToken);
}
