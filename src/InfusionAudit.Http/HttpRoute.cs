using InfusionAudit.Application.Audit;
using InfusionAudit.Application.Security;
using InfusionAudit.Http.Audit;
using InfusionAudit.Http.Security;

namespace InfusionAudit.Http;

/// <summary>
/// One HTTP route of both hosts, declared once in <see cref="RouteTable"/>: the local host maps it, the
/// <see cref="RouteDispatcher"/> checks its roles and writes its access log, the OpenAPI document describes it, and a
/// test holds the Functions app's trigger attributes to it.
/// </summary>
/// <param name="Method">HTTP method, upper case.</param>
/// <param name="Template">Path template from the host root, <c>/api/…</c> (the Functions app's route prefix included).</param>
/// <param name="Name">The OpenAPI operation id.</param>
/// <param name="Roles">Roles admitted besides admin (empty: admin only); null for an anonymous route.</param>
/// <param name="AccessLogged">
/// An audit read: the dispatcher records who read what, refusals included, and answers 503 instead of data it cannot
/// record (<see cref="AuditReadPipeline"/>).
/// </param>
/// <param name="Handler">The work after the checks, given the authenticated caller.</param>
/// <param name="Responses">
/// The route's own answers; 401 and 403 (routes with roles) and 503 (access-logged routes) are added from
/// <paramref name="Roles"/> and <paramref name="AccessLogged"/>.
/// </param>
/// <param name="RequestBody">Component schema of the JSON body, or null.</param>
/// <param name="RequestExample">A valid JSON body for the contract test.</param>
/// <param name="LocalHostOnly">Mapped by the local host only (an alias); the Functions app does not serve it.</param>
/// <param name="OptionalBody">The body may be left out.</param>
/// <param name="RequestMediaType">The body's media type when it is not JSON (then <paramref name="RequestExample"/> is the body as text).</param>
public sealed record HttpRoute(
    string Method,
    string Template,
    string Name,
    string Summary,
    IReadOnlyList<CallerRole>? Roles,
    bool AccessLogged,
    Func<RouteCall, Task<AuditAnswer>> Handler,
    IReadOnlyList<OpenApiParameter> Parameters,
    IReadOnlyList<OpenApiResponse> Responses,
    string? RequestBody = null,
    string? RequestExample = null,
    bool LocalHostOnly = false,
    bool OptionalBody = false,
    string? RequestMediaType = null);
