using InfusionAudit.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace InfusionAudit.Functions.Functions;

/// <summary><c>GET /api/clinics/{clinicId}/findings</c>.</summary>
public sealed class AuditClinicFindingsFunction(RouteDispatcher dispatcher)
{
    [Function("AuditClinicFindings")]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "clinics/{clinicId}/findings")] HttpRequest request, string clinicId, CancellationToken cancellationToken) =>
        dispatcher.AnswerAsync(RouteTable.ListClinicFindings, request, new() { ["clinicId"] = clinicId }, cancellationToken);
}
