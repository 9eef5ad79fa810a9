using InfusionAudit.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace InfusionAudit.Functions.Functions;

/// <summary><c>GET /api/clinics/{clinicId}/compliance-report</c>.</summary>
public sealed class AuditComplianceReportFunction(RouteDispatcher dispatcher)
{
    [Function("AuditComplianceReport")]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "clinics/{clinicId}/compliance-report")] HttpRequest request, string clinicId, CancellationToken cancellationToken) =>
        dispatcher.AnswerAsync(RouteTable.GetComplianceReport, request, new() { ["clinicId"] = clinicId }, cancellationToken);
}
