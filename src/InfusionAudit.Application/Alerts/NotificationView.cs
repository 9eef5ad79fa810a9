using InfusionAudit.Application.Ports.Alerts;

namespace InfusionAudit.Application.Alerts;

/// <summary>A notification about an alert as the API shows it: what was sent, to whom, and how dispatch went.</summary>
public sealed record NotificationView(
    string NotificationId,
    string Kind,
    string Target,
    DateTimeOffset CreatedAt,
    string Status,
    int Attempts,
    DateTimeOffset? LastAttemptAt,
    string? LastError,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? DeliveredAt,
    IReadOnlyDictionary<string, TransportDelivery> Transports)
{
    public static NotificationView From(StoredNotification stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var n = stored.Notification;
        var d = stored.Delivery;
        var status = d.IsDelivered ? "delivered" : d.Attempts == 0 ? "pending" : "retrying";
        return new NotificationView(
            n.NotificationId,
            char.ToLowerInvariant(n.Kind.ToString()[0]) + n.Kind.ToString()[1..],
            char.ToLowerInvariant(n.Target.ToString()[0]) + n.Target.ToString()[1..],
            n.CreatedAt,
            status,
            d.Attempts,
            d.LastAttemptAt,
            d.LastError,
            d.IsDelivered ? null : d.NextAttemptAt,
            d.DeliveredAt,
            d.Transports);
    }
}
