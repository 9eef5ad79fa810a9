using InfusionAudit.Application.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace InfusionAudit.Functions.Functions;

/// <summary><c>POST /api/events</c>. Keys and roles are checked by the shared endpoint, identically in both hosts.</summary>
public sealed class PostEventsFunction(EventsEndpoint endpoint)
{
    [Function("PostEvents")]
    public async Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "events")] HttpRequest request, CancellationToken cancellationToken) =>
        await (await endpoint.PostAsync(request, cancellationToken)).WriteAsync(request);
}
