using InfusionAudit.Domain.Alerts;
using InfusionAudit.Application.Ports.Alerts;

namespace InfusionAudit.Application.Alerts;

/// <summary>An alert as the API answers it: the record with its history, and the notifications that carried it.</summary>
public sealed record AlertView(Alert Alert, IReadOnlyList<NotificationView> Notifications)
{
    public static AlertView From(Alert alert, AlertPartition partition)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(partition);
        return new AlertView(alert, [.. partition.Notifications.Where(n => n.Notification.AlertIds.Contains(alert.AlertId)).Select(NotificationView.From)]);
    }
}
