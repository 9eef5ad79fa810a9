using InfusionAudit.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace InfusionAudit.Functions.Functions;

/// <summary><c>GET /api/me</c>: who the request is signed in as (the console's sign-in).</summary>
public sealed class MeFunction(RouteDispatcher dispatcher)
{
    [Function("Me")]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "me")] HttpRequest request) =>
        dispatcher.AnswerAsync(RouteTable.Me, request, new(), request.HttpContext.RequestAborted);
}
