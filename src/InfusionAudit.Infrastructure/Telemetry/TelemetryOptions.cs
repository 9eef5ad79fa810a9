using InfusionAudit.Application.Telemetry;

namespace InfusionAudit.Infrastructure.Telemetry;

/// <summary>
/// Section <c>InfusionAudit:Telemetry</c>. In Azure nothing needs setting: <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>
/// turns the Azure Monitor exporter on, whatever <see cref="Exporter"/> says.
/// </summary>
public sealed class TelemetryOptions
{
    public const string Section = "InfusionAudit:Telemetry";

    /// <summary>The local exporter.</summary>
    public TelemetryExporter Exporter { get; set; } = TelemetryExporter.None;

    /// <summary>OTLP endpoint (e.g. <c>http://127.0.0.1:4317</c>); <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> when unset.</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>Service name on every exported record (the <c>service.name</c> resource attribute).</summary>
    public string ServiceName { get; set; } = "InfusionAudit";
}
