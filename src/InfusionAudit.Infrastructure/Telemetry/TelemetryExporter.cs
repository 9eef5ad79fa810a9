using InfusionAudit.Application.Telemetry;

namespace InfusionAudit.Infrastructure.Telemetry;

/// <summary>Where traces, metrics and logs go when Application Insights is not configured (<c>InfusionAudit:Telemetry:Exporter</c>).</summary>
public enum TelemetryExporter
{
    /// <summary>Nowhere: telemetry is recorded only for listeners a test or a tool adds.</summary>
    None,

    /// <summary>Written to standard output: for a look at what the app records, not for production.</summary>
    Console,

    /// <summary>OTLP to a collector (Aspire dashboard, Jaeger, Grafana Alloy); endpoint from <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.</summary>
    Otlp,
}
