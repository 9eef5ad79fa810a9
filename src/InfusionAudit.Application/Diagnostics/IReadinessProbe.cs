namespace InfusionAudit.Application.Diagnostics;

/// <summary>Something the host needs to do its work, checked by <c>GET /api/health/ready</c>.</summary>
public interface IReadinessProbe
{
    /// <summary>The check's name in the readiness body, e.g. <c>tables</c> or <c>alerts:queue</c>.</summary>
    string ReadinessName { get; }

    /// <summary>Returns when reachable; throws (or is cancelled) when not.</summary>
    Task ProbeAsync(CancellationToken cancellationToken);
}
