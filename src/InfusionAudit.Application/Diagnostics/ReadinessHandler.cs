using System.Diagnostics;
using InfusionAudit.Application.Alerts;

namespace InfusionAudit.Application.Diagnostics;

/// <summary>
/// Runs every readiness probe at once, each bounded by <see cref="Timeout"/>: the storage tables and event queues, and
/// each configured alert transport. A probe that throws or runs out of time fails the report; the reason names the
/// status or exception type, never an address or a key, because the route is anonymous.
/// </summary>
public sealed class ReadinessHandler
{
    /// <summary>Per probe; a platform health check waits about this long, and a hung dependency must not hang the probe.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    private readonly IReadOnlyList<IReadinessProbe> probes;

    /// <param name="probes">The storage probes, in report order (registered by the infrastructure).</param>
    /// <param name="transports">The configured alert transports; each that is a probe is checked after the storage.</param>
    public ReadinessHandler(IEnumerable<IReadinessProbe> probes, IEnumerable<IAlertTransport> transports)
    {
        this.probes = [.. probes, .. transports.OfType<IReadinessProbe>()];
    }

    public async Task<ReadinessReport> CheckAsync(CancellationToken cancellationToken)
    {
        var checks = await Task.WhenAll(probes.Select(probe => RunAsync(probe, cancellationToken)));
        return new ReadinessReport(checks.All(c => c.Status == "ok") ? "ready" : "not-ready", checks);
    }

    private static async Task<ReadinessCheck> RunAsync(IReadinessProbe probe, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        string? error = null;
        try
        {
            // WaitAsync as well: a client that ignores the token must not hold the probe past its timeout.
            await probe.ProbeAsync(timeout.Token).WaitAsync(Timeout, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            error = ex switch
            {
                OperationCanceledException or TimeoutException => $"no answer within {Timeout.TotalSeconds:0} s",
                ReadinessProbeException failed => failed.Message,
                InvalidOperationException invalid => invalid.Message,
                _ => ex.GetType().Name,
            };
        }

        return new ReadinessCheck(probe.ReadinessName, error is null ? "ok" : "failed", watch.ElapsedMilliseconds, error);
    }
}
