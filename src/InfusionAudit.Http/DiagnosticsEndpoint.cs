using InfusionAudit.Application;
using InfusionAudit.Application.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace InfusionAudit.Http;

/// <summary><c>GET /api/diagnostics/counters</c>: pipeline and storage request counters of this host process.</summary>
public sealed class DiagnosticsEndpoint(PipelineCounters counters)
{
    public IResult GetCounters() => Results.Json(counters.Snapshot(), JsonDefaults.Answers);
}
