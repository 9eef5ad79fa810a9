using InfusionAudit.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace InfusionAudit.Functions.Functions;

/// <summary><c>GET /api/clinics/{clinicId}/rems-forms</c>.</summary>
public sealed class AuditClinicRemsFormsFunction(RouteDispatcher dispatcher)
{
    [Function("AuditClinicRemsForms")]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "clinics/{clinicId}/rems-forms")] HttpRequest request, string clinicId, CancellationToken cancellationToken) =>
        dispatcher.AnswerAsync(RouteTable.ListClinicRemsForms, request, new() { ["clinicId"] = clinicId }, cancellationToken);
}
