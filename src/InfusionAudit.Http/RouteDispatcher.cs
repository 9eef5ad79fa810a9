using InfusionAudit.Application.Audit;
using InfusionAudit.Application.Security;
using InfusionAudit.Http.Audit;
using InfusionAudit.Http.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfusionAudit.Http;

/// <summary>
/// Runs a request of a <see cref="HttpRoute"/> in both hosts: an anonymous route goes straight to its handler; any other
/// is authenticated and its roles checked (401, 403) first, and an access-logged one goes through the
/// <see cref="AuditReadPipeline"/>, which records the read (or the refusal) before the answer leaves.
/// </summary>
public sealed class RouteDispatcher(EndpointAuthorization authorization, AuditReadPipeline pipeline, IServiceProvider services)
{
    /// <param name="values">The path's values: the local host's route values, or those the Functions trigger bound.</param>
    public async Task<IResult> RunAsync(HttpRoute route, HttpRequest request, RouteValueDictionary values, CancellationToken cancellationToken)
    {
        RouteCall Call(Caller? caller) => new(request, caller, values, services, cancellationToken);

        if (route.Roles is not { } roles)
        {
            return (await route.Handler(Call(null))).Result;
        }

        if (route.AccessLogged)
        {
            return await pipeline.ReadAsync(request, route.Template, [.. roles], caller => route.Handler(Call(caller)), cancellationToken);
        }

        var (authenticated, denied) = authorization.Authorize(request, [.. roles]);
        return denied ?? (await route.Handler(Call(authenticated))).Result;
    }
}
