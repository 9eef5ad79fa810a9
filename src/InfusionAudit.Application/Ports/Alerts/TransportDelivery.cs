namespace InfusionAudit.Application.Ports.Alerts;

/// <summary>How one notification fared on one transport.</summary>
/// <param name="Attempts">Sends tried on this transport.</param>
/// <param name="DeliveredAt">When the transport accepted it; null while it has not.</param>
/// <param name="LastError">The last failure, for people reading the alert.</param>
public sealed record TransportDelivery(int Attempts, DateTimeOffset? DeliveredAt, string? LastError);
