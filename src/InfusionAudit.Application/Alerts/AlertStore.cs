using InfusionAudit.Domain.Alerts;
using InfusionAudit.Application.Ports.Alerts;
using Microsoft.Extensions.Options;

namespace InfusionAudit.Application.Alerts;

/// <summary>
/// Stores one policy decision for a session: index rows first (idempotent upserts: the timer's due row and the clinic
/// listing), then the partition in one transaction guarded by the group row's ETag, then removal of listing rows for
/// states the alerts left. The new notifications come back, with the ETags of their rows, for dispatch after the caller's
/// own commit.
/// </summary>
public sealed class AlertStore(
    IAlertPartitionStore repository,
    IAlertIndex index,
    AlertMessageBuilder messages,
    IOptions<AlertOptions> options)
{
    private readonly AlertOptions settings = options.Value;

    /// <exception cref="AlertWriteConflictException">Another writer changed the session's alerts since <paramref name="partition"/> was read.</exception>
    public async Task<IReadOnlyList<StoredNotification>> StoreAsync(AlertPartition partition, AlertChanges changes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partition);
        ArgumentNullException.ThrowIfNull(changes);
        var before = partition.Alerts.ToDictionary(a => a.AlertId, StringComparer.Ordinal);
        var after = new Dictionary<string, Alert>(before, StringComparer.Ordinal);
        foreach (var alert in changes.Alerts)
        {
            after[alert.AlertId] = alert;
        }

        var lease = now + settings.DispatchLease;
        var created = changes.Notifications
            .Select(n => new StoredNotification(n, messages.BuildJson(n, after), NotificationDelivery.Pending(lease)))
            .ToList();

        var nextDue = Earliest(
            AlertPolicy.NextDue(new SessionAlerts(changes.Group, [.. after.Values])),
            partition.Undelivered.Select(n => (DateTimeOffset?)n.Delivery.NextAttemptAt).Min(),
            created.Count > 0 ? lease : null);

        var indexWrites = new List<Task>();
        if (nextDue is { } due)
        {
            indexWrites.Add(index.ScheduleAsync(settings.Scope, partition.SessionId, changes.Group.ClinicId, due, cancellationToken));
        }

        // The listing by clinical date: every alert whose row would read differently, and all of them when the
        // session's date is new to the group (first alert, a group from before the calendar, or a start that moved it).
        var sessionDate = changes.Group.SessionDate ?? partition.Group?.SessionDate;
        var datedBefore = partition.Group?.SessionDate;
        if (sessionDate is { } date)
        {
            var relist = datedBefore != date
                ? after.Values
                : changes.Alerts.Where(a => !before.TryGetValue(a.AlertId, out var old) || old.State != a.State || old.AcknowledgedAt != a.AcknowledgedAt || old.RaisedAt != a.RaisedAt);
            indexWrites.AddRange(relist.Select(a => index.ListByDateAsync(a, date, cancellationToken)));
            indexWrites.AddRange(changes.Alerts
                .Where(a => datedBefore == date && before.TryGetValue(a.AlertId, out var old) && old.RaisedAt != a.RaisedAt)
                .Select(a => index.UnlistDateAsync(before[a.AlertId], date, cancellationToken)));
            if (datedBefore is { } moved && moved != date)
            {
                indexWrites.AddRange(before.Values.Select(a => index.UnlistDateAsync(a, moved, cancellationToken)));
            }
        }

        var left = new List<(Alert Alert, AlertState From)>();
        foreach (var alert in changes.Alerts)
        {
            if (!before.TryGetValue(alert.AlertId, out var old))
            {
                indexWrites.Add(index.ListAsync(alert, cancellationToken));
            }
            else if (old.State != alert.State)
            {
                indexWrites.Add(index.ListStateAsync(alert, cancellationToken));
                left.Add((alert, old.State));
            }
        }

        await Task.WhenAll(indexWrites);
        var stored = await repository.CommitAsync(
            new AlertPartitionWrite(partition.SessionId, changes.Group, partition.Group is null ? null : partition.GroupETag, changes.Alerts, created),
            cancellationToken);
        await Task.WhenAll(left.Select(l => index.UnlistStateAsync(l.Alert, l.From, cancellationToken)));
        return stored;
    }

    private static DateTimeOffset? Earliest(params DateTimeOffset?[] times) => times.Where(t => t is not null).Min();
}
