using InfusionAudit.Application.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace InfusionAudit.Functions.Functions;

/// <summary><c>/api/alerts</c>: list, read, acknowledge, resolve. Roles are checked by the shared endpoint.</summary>
public sealed class AlertFunctions(AlertsEndpoint endpoint)
{
    [Function("ListAlerts")]
    public async Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "alerts")] HttpRequest request, CancellationToken cancellationToken) =>
        await (await endpoint.ListAsync(request, cancellationToken)).WriteAsync(request);

    [Function("GetAlert")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "alerts/{alertId}")] HttpRequest request,
        string alertId,
        CancellationToken cancellationToken) =>
        await (await endpoint.GetAsync(request, alertId, cancellationToken)).WriteAsync(request);

    [Function("AcknowledgeAlert")]
    public async Task<IActionResult> Acknowledge(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "alerts/{alertId}/acknowledge")] HttpRequest request,
        string alertId,
        CancellationToken cancellationToken) =>
        await (await endpoint.AcknowledgeAsync(request, alertId, cancellationToken)).WriteAsync(request);

    [Function("ResolveAlert")]
    public async Task<IActionResult> Resolve(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "alerts/{alertId}/resolve")] HttpRequest request,
        string alertId,
        CancellationToken cancellationToken) =>
        await (await endpoint.ResolveAsync(request, alertId, cancellationToken)).WriteAsync(request);
}
