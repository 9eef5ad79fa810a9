using InfusionAudit.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace InfusionAudit.Functions.Functions;

/// <summary>
/// Runs a route of <see cref="RouteTable"/> through the shared <see cref="RouteDispatcher"/> (roles, access log,
/// handler) and writes its <see cref="IResult"/> on the request, so both hosts answer byte for byte the same.
/// </summary>
internal static class HttpResults
{
    /// <param name="values">The path values the trigger bound, by template parameter name.</param>
    public static async Task<IActionResult> AnswerAsync(this RouteDispatcher dispatcher, HttpRoute route, HttpRequest request, RouteValueDictionary values, CancellationToken cancellationToken)
    {
        var result = await dispatcher.RunAsync(route, request, values, cancellationToken);
        await result.ExecuteAsync(request.HttpContext);
        return new EmptyResult();
    }
}
