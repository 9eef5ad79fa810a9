using InfusionAudit.Application;
using InfusionAudit.Domain.Protocols;
using Microsoft.AspNetCore.Http;

namespace InfusionAudit.Http;

/// <summary>Liveness, anonymous (readiness is <see cref="ReadinessEndpoint"/>): tells a load balancer or a script that the host is up and what it judges with.</summary>
public sealed class HealthEndpoint(ProtocolLibrary protocols)
{
    public IResult Get() => Results.Json(
        new { status = "ok", protocols = protocols.ProtocolIds.SelectMany(protocols.Versions).Select(p => $"{p.Id}@v{p.Version}").ToArray() },
        JsonDefaults.Options);
}
