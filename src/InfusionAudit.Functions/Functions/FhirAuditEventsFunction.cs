using InfusionAudit.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace InfusionAudit.Functions.Functions;

/// <summary><c>GET /api/fhir/audit-events</c>.</summary>
public sealed class FhirAuditEventsFunction(RouteDispatcher dispatcher)
{
    [Function("FhirAuditEvents")]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "fhir/audit-events")] HttpRequest request, CancellationToken cancellationToken) =>
        dispatcher.AnswerAsync(RouteTable.ListFhirAuditEvents, request, new(), cancellationToken);
}
