using InfusionAudit.Domain.Alerts;

namespace InfusionAudit.Application.Ports.Alerts;

/// <summary>An outbox row: the notification, the message body fixed when it was decided, and its dispatch record.</summary>
/// <param name="Notification">What and for whom.</param>
/// <param name="PayloadJson">The message body every transport sends (built once, so retries send the same text).</param>
/// <param name="Delivery">How dispatch went so far.</param>
/// <param name="ETag">The row's version token (its ETag, opaque) when read; null for a new row.</param>
public sealed record StoredNotification(AlertNotification Notification, string PayloadJson, NotificationDelivery Delivery, string? ETag = null);
