using InfusionAudit.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace InfusionAudit.Functions.Functions;

/// <summary><c>GET /api/fhir/sessions/{sessionId}</c>.</summary>
public sealed class FhirSessionFunction(RouteDispatcher dispatcher)
{
    [Function("FhirSession")]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "fhir/sessions/{sessionId}")] HttpRequest request, string sessionId, CancellationToken cancellationToken) =>
        dispatcher.AnswerAsync(RouteTable.GetFhirSession, request, new() { ["sessionId"] = sessionId }, cancellationToken);
}
