using InfusionAudit.Application.Security;
using InfusionAudit.Http.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace InfusionAudit.Http;

/// <summary>A request that passed its route's checks, as a <see cref="HttpRoute.Handler"/> receives it.</summary>
/// <param name="Caller">The authenticated caller; null only on an anonymous route.</param>
/// <param name="Values">The path's values, by template parameter name.</param>
/// <param name="Services">The application's services, where the endpoint classes are registered.</param>
public sealed record RouteCall(HttpRequest Request, Caller? Caller, RouteValueDictionary Values, IServiceProvider Services, CancellationToken CancellationToken)
{
    /// <summary>A path value of the template (e.g. <c>sessionId</c>), as the host decoded it.</summary>
    public string Value(string name) => Values[name]?.ToString() ?? string.Empty;

    /// <summary>The caller of a route with roles (the dispatcher admits no anonymous caller there).</summary>
    public Caller Authenticated => Caller ?? throw new InvalidOperationException("An anonymous route has no caller.");

    /// <summary>The endpoint class that does the work (both hosts register them with <c>AddInfusionAudit</c>).</summary>
    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();
}
