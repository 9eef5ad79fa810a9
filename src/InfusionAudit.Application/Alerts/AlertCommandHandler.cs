using InfusionAudit.Domain.Alerts;
using InfusionAudit.Application.Ports.Alerts;

namespace InfusionAudit.Application.Alerts;

/// <summary>A person acknowledges or resolves an alert; the status change is stored and sent like any notification.</summary>
public sealed class AlertCommandHandler(IAlertPartitionStore repository, AlertStore store, AlertDispatcher dispatcher, TimeProvider clock)
{
    private const int MaxAttempts = 10;

    public Task<(AlertCommandStatus Status, AlertView? Alert)> AcknowledgeAsync(string alertId, AlertActor by, string? note, CancellationToken cancellationToken) =>
        RunAsync(alertId, (snapshot, now) => AlertPolicy.Acknowledge(snapshot, alertId, by, note, now), cancellationToken);

    public Task<(AlertCommandStatus Status, AlertView? Alert)> ResolveAsync(string alertId, AlertActor by, string reason, CancellationToken cancellationToken) =>
        RunAsync(alertId, (snapshot, now) => AlertPolicy.Resolve(snapshot, alertId, by, reason, now), cancellationToken);

    private async Task<(AlertCommandStatus Status, AlertView? Alert)> RunAsync(string alertId, Func<SessionAlerts, DateTimeOffset, AlertCommandResult> decide, CancellationToken cancellationToken)
    {
        if (AlertIds.SessionOf(alertId) is not var (clinicId, sessionId))
        {
            return (AlertCommandStatus.NotFound, null);
        }

        for (var attempt = 1; ; attempt++)
        {
            var partition = await repository.LoadAsync(clinicId, sessionId, cancellationToken);
            var now = clock.GetUtcNow();
            var result = decide(partition.Snapshot, now);
            if (result.Changes is not { } changes || result.Alert is not { } alert)
            {
                return (result.Status, result.Alert is { } unchanged ? AlertView.From(unchanged, partition) : null);
            }

            IReadOnlyList<StoredNotification> created;
            try
            {
                created = await store.StoreAsync(partition, changes, now, cancellationToken);
            }
            catch (AlertWriteConflictException) when (attempt < MaxAttempts)
            {
                continue;
            }

            var sent = (await dispatcher.DispatchAsync(created, cancellationToken)).ToDictionary(n => n.Notification.NotificationId, StringComparer.Ordinal);
            var notifications = partition.Notifications.Concat(created.Select(n => sent.GetValueOrDefault(n.Notification.NotificationId) ?? n)).ToList();
            return (result.Status, AlertView.From(alert, partition with { Notifications = notifications }));
        }
    }
}
