namespace InfusionAudit.Application.Ports.Alerts;

/// <summary>
/// A session's alerts as stored (<see cref="AlertPartition"/>: group bookkeeping, alerts, outbox). Every decision is one
/// atomic write guarded by the group's version token; dispatch records are written over the version their writer read.
/// </summary>
public interface IAlertPartitionStore
{
    /// <summary>Reads a session's alerts, notifications and group.</summary>
    Task<AlertPartition> LoadAsync(string clinicId, string sessionId, CancellationToken cancellationToken);

    /// <summary>Stores one decision.</summary>
    /// <returns>The new notifications, with the version tokens they were written with (the creator's claim).</returns>
    /// <exception cref="AlertWriteConflictException">The group changed since it was read.</exception>
    Task<IReadOnlyList<StoredNotification>> CommitAsync(AlertPartitionWrite write, CancellationToken cancellationToken);

    /// <summary>One notification as stored now (with its version token), or null when it is not there.</summary>
    Task<StoredNotification?> ReadNotificationAsync(string clinicId, string sessionId, string notificationId, CancellationToken cancellationToken);

    /// <summary>Writes a notification's dispatch record if it is still at version <paramref name="ifMatch"/>.</summary>
    /// <returns>The new version token, or null when the notification changed underneath (the caller lost its claim and must not send).</returns>
    /// <exception cref="StoreUnavailableException">Storage did not take the write (unreachable, or refused it for another reason than the version).</exception>
    Task<string?> UpdateDeliveryAsync(string clinicId, string sessionId, string notificationId, NotificationDelivery delivery, string ifMatch, CancellationToken cancellationToken);
}
