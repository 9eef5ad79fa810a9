using InfusionAudit.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace InfusionAudit.Functions.Functions;

/// <summary><c>GET /api/clinics/{clinicId}/rejected</c>.</summary>
public sealed class AuditRejectedFunction(RouteDispatcher dispatcher)
{
    [Function("AuditRejected")]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "clinics/{clinicId}/rejected")] HttpRequest request, string clinicId, CancellationToken cancellationToken) =>
        dispatcher.AnswerAsync(RouteTable.ListClinicRejected, request, new() { ["clinicId"] = clinicId }, cancellationToken);
}
