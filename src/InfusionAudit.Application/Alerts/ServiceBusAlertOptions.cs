namespace InfusionAudit.Application.Alerts;

/// <summary>
/// <c>InfusionAudit:Alerts:ServiceBus</c>: in Azure the namespace with the app's managed identity
/// (<c>FullyQualifiedNamespace</c>, and <c>credential</c> = <c>managedidentity</c> as for other identity-based
/// connections); a connection string elsewhere (tests, the emulator).
/// </summary>
public sealed class ServiceBusAlertOptions
{
    public string? ConnectionString { get; set; }

    public string? FullyQualifiedNamespace { get; set; }

    public string TopicName { get; set; } = "clinical-alerts";

    /// <summary>True when either way of reaching a namespace is set.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(ConnectionString) || !string.IsNullOrWhiteSpace(FullyQualifiedNamespace);
}
