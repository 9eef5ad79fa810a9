using InfusionAudit.Application.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace InfusionAudit.Functions.Functions;

/// <summary><c>/api/silences</c>: list (auditor), create and expire (admin).</summary>
public sealed class AlertSilenceFunctions(AlertSilencesEndpoint endpoint)
{
    [Function("ListSilences")]
    public async Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "silences")] HttpRequest request, CancellationToken cancellationToken) =>
        await (await endpoint.ListAsync(request, cancellationToken)).WriteAsync(request);

    [Function("CreateSilence")]
    public async Task<IActionResult> Create([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "silences")] HttpRequest request, CancellationToken cancellationToken) =>
        await (await endpoint.CreateAsync(request, cancellationToken)).WriteAsync(request);

    [Function("ExpireSilence")]
    public async Task<IActionResult> Expire(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "silences/{silenceId}")] HttpRequest request,
        string silenceId,
        CancellationToken cancellationToken) =>
        await (await endpoint.ExpireAsync(request, silenceId, cancellationToken)).WriteAsync(request);
}
