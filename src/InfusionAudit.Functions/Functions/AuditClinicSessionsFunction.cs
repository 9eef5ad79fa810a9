using InfusionAudit.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace InfusionAudit.Functions.Functions;

/// <summary><c>GET /api/clinics/{clinicId}/sessions</c>.</summary>
public sealed class AuditClinicSessionsFunction(RouteDispatcher dispatcher)
{
    [Function("AuditClinicSessions")]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "clinics/{clinicId}/sessions")] HttpRequest request, string clinicId, CancellationToken cancellationToken) =>
        dispatcher.AnswerAsync(RouteTable.ListClinicSessions, request, new() { ["clinicId"] = clinicId }, cancellationToken);
}
