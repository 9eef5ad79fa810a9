using InfusionAudit.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace InfusionAudit.Functions.Functions;

/// <summary><c>/api/alerts</c>: list, read, acknowledge, resolve.</summary>
public sealed class AlertFunctions(RouteDispatcher dispatcher)
{
    [Function("ListAlerts")]
    public Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "alerts")] HttpRequest request, CancellationToken cancellationToken) =>
        dispatcher.AnswerAsync(RouteTable.ListAlerts, request, new(), cancellationToken);

    [Function("GetAlert")]
    public Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "alerts/{alertId}")] HttpRequest request, string alertId, CancellationToken cancellationToken) =>
        dispatcher.AnswerAsync(RouteTable.GetAlert, request, new() { ["alertId"] = alertId }, cancellationToken);

    [Function("AcknowledgeAlert")]
    public Task<IActionResult> Acknowledge([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "alerts/{alertId}/acknowledge")] HttpRequest request, string alertId, CancellationToken cancellationToken) =>
        dispatcher.AnswerAsync(RouteTable.AcknowledgeAlert, request, new() { ["alertId"] = alertId }, cancellationToken);

    [Function("ResolveAlert")]
    public Task<IActionResult> Resolve([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "alerts/{alertId}/resolve")] HttpRequest request, string alertId, CancellationToken cancellationToken) =>
        dispatcher.AnswerAsync(RouteTable.ResolveAlert, request, new() { ["alertId"] = alertId }, cancellationToken);
}
