using InfusionAudit.Application.Diagnostics;
using InfusionAudit.Application.Security;
using Microsoft.AspNetCore.Http;

namespace InfusionAudit.Application.Http;

/// <summary><c>GET /api/diagnostics/counters</c> (admin, auditor): pipeline and storage request counters of this host process.</summary>
public sealed class DiagnosticsEndpoint(PipelineCounters counters, EndpointAuthorization authorization)
{
    public IResult GetCounters(HttpRequest request)
    {
        var (_, denied) = authorization.Authorize(request, CallerRole.Auditor);
        return denied ?? Results.Json(counters.Snapshot(), JsonDefaults.Options);
    }
}
