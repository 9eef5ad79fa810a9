using InfusionAudit.Domain.Alerts;

namespace InfusionAudit.Application.Ports.Alerts;

/// <summary>A session's partition of the <see cref="IAlertPartitionStore"/>: group bookkeeping, alerts and outbox.</summary>
/// <param name="ClinicId">The session's clinic.</param>
/// <param name="SessionId">The session id (within its clinic).</param>
/// <param name="Group">Null before the session's first alert.</param>
/// <param name="GroupETag">The group row's version token (its ETag, opaque): every write of the partition is guarded by it; null before the first alert.</param>
/// <param name="Alerts">The session's alerts.</param>
/// <param name="Notifications">Its notifications, delivered or not.</param>
public sealed record AlertPartition(
    string ClinicId,
    string SessionId,
    AlertGroup? Group,
    string? GroupETag,
    IReadOnlyList<Alert> Alerts,
    IReadOnlyList<StoredNotification> Notifications)
{
    /// <summary>What the policy decides on.</summary>
    public SessionAlerts Snapshot => new(Group, Alerts);

    /// <summary>
    /// Notifications not yet delivered. Only those the group row counts: a write that failed its group ETag check may
    /// have left a row behind in a chunked write, and that one was never decided.
    /// </summary>
    public IEnumerable<StoredNotification> Undelivered =>
        Notifications.Where(n => !n.Delivery.IsDelivered && n.Notification.Number <= (Group?.NotificationCount ?? 0));
}
