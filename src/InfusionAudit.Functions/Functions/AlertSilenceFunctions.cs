using InfusionAudit.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace InfusionAudit.Functions.Functions;

/// <summary><c>/api/silences</c>: list, create and expire.</summary>
public sealed class AlertSilenceFunctions(RouteDispatcher dispatcher)
{
    [Function("ListSilences")]
    public Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "silences")] HttpRequest request, CancellationToken cancellationToken) =>
        dispatcher.AnswerAsync(RouteTable.ListSilences, request, new(), cancellationToken);

    [Function("CreateSilence")]
    public Task<IActionResult> Create([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "silences")] HttpRequest request, CancellationToken cancellationToken) =>
        dispatcher.AnswerAsync(RouteTable.CreateSilence, request, new(), cancellationToken);

    [Function("ExpireSilence")]
    public Task<IActionResult> Expire([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "silences/{silenceId}")] HttpRequest request, string silenceId, CancellationToken cancellationToken) =>
        dispatcher.AnswerAsync(RouteTable.ExpireSilence, request, new() { ["silenceId"] = silenceId }, cancellationToken);
}
