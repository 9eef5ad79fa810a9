using InfusionAudit.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace InfusionAudit.Functions.Functions;

/// <summary>
/// <c>GET /api/console/{*path}</c>: the web console's files, anonymous like health (the API calls they make are not).
/// A Functions app cannot serve <c>/</c> while its routes keep the <c>api</c> prefix, so the console lives here.
/// </summary>
public sealed class ConsoleFunction(RouteDispatcher dispatcher)
{
    [Function("Console")]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/{*path}")] HttpRequest request, string path) =>
        dispatcher.AnswerAsync(RouteTable.Console, request, new() { ["path"] = path }, request.HttpContext.RequestAborted);
}
