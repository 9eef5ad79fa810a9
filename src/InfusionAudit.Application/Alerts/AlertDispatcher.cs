using System.Diagnostics;
using InfusionAudit.Application.Telemetry;
using InfusionAudit.Application.Ports;
using InfusionAudit.Application.Ports.Alerts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InfusionAudit.Application.Alerts;

/// <summary>
/// Sends stored notifications on every configured transport and records the outcome on each notification row:
/// attempts, per-transport delivery, last error and, after a failure, when the alert timer tries again (exponential
/// back-off). Only transports that have not accepted a notification are tried again. Never throws for a failed send:
/// the notification is durable and the timer retries it.
/// </summary>
/// <remarks>
/// A notification is sent only under a claim: before sending, its row is written (lease until now +
/// <see cref="AlertOptions.DispatchLease"/>) conditioned on the ETag the sender read, so of the inline path and any
/// number of timers exactly one wins and the others do not send. The winner renews the lease every third of it while
/// its send lasts (a slow webhook), and writes the outcome with the ETag of its last renewal. A sender that dies stops
/// renewing; once the lease runs out the timer claims the notification and sends it again (at least once).
/// </remarks>
public sealed partial class AlertDispatcher(
    IEnumerable<IAlertTransport> transports,
    IAlertPartitionStore repository,
    IAlertIndex index,
    IOptions<AlertOptions> options,
    TimeProvider clock,
    ILogger<AlertDispatcher> logger)
{
    private readonly IReadOnlyList<IAlertTransport> transports = [.. transports];
    private readonly AlertOptions settings = options.Value;

    /// <summary>
    /// Claims each notification (skipping those another sender holds or that are delivered), sends the claimed ones and
    /// records the outcome; returns the notifications this call sent, with their new dispatch record.
    /// </summary>
    public async Task<IReadOnlyList<StoredNotification>> DispatchAsync(IReadOnlyList<StoredNotification> notifications, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        if (notifications.Count == 0)
        {
            return [];
        }

        var claims = (await Task.WhenAll(notifications.Select(n => ClaimAsync(n, cancellationToken)))).OfType<Claim>().ToList();
        if (claims.Count == 0)
        {
            return [];
        }

        IReadOnlyDictionary<string, IReadOnlyList<string?>> perTransport;
        IReadOnlyDictionary<string, List<int>> pending;
        using (var stopRenewing = new CancellationTokenSource())
        {
            var renewing = RenewAsync(claims, stopRenewing.Token);
            try
            {
                (perTransport, pending) = await SendAsync([.. claims.Select(c => c.Notification)], cancellationToken);
            }
            finally
            {
                await stopRenewing.CancelAsync();
                await renewing;
            }
        }

        var now = clock.GetUtcNow();
        var updated = new List<StoredNotification>(claims.Count);
        for (var i = 0; i < claims.Count; i++)
        {
            var before = claims[i].Notification.Delivery;
            var byTransport = new Dictionary<string, TransportDelivery>(before.Transports, StringComparer.Ordinal);
            string? error = null;
            foreach (var (name, todo) in pending)
            {
                var at = todo.IndexOf(i);
                if (at < 0)
                {
                    continue;
                }

                var result = perTransport[name][at];
                var previous = byTransport.GetValueOrDefault(name) ?? new TransportDelivery(0, null, null);
                byTransport[name] = new TransportDelivery(previous.Attempts + 1, result is null ? now : null, result ?? previous.LastError);
                error ??= result;
            }

            var attempts = before.Attempts + 1;
            var delivered = transports.All(t => byTransport.TryGetValue(t.Name, out var d) && d.DeliveredAt is not null);
            var delivery = new NotificationDelivery(
                byTransport,
                attempts,
                now,
                error ?? before.LastError,
                delivered ? before.NextAttemptAt : now + Backoff(attempts),
                delivered ? now : null);
            updated.Add(claims[i].Notification with { Delivery = delivery });
            if (error is not null)
            {
                LogFailed(logger, claims[i].Notification.Notification.NotificationId, attempts, error);
            }
        }

        var recorded = await Task.WhenAll(updated.Select(async (n, i) =>
        {
            var etag = claims[i].Lost ? null : await repository.UpdateDeliveryAsync(n.Notification.ClinicId, n.Notification.SessionId, n.Notification.NotificationId, n.Delivery, claims[i].ETag, cancellationToken);
            if (etag is null)
            {
                // The claim ran out while sending (renewals failed): whoever holds it now owns the record.
                LogClaimLost(logger, n.Notification.NotificationId);
                return n;
            }

            return n with { ETag = etag };
        }));

        // A failure must bring the timer back at the retry time, whatever the session's schedule said.
        await Task.WhenAll(recorded.Where(n => !n.Delivery.IsDelivered)
            .GroupBy(n => (n.Notification.ClinicId, n.Notification.SessionId))
            .Select(g => index.ScheduleAsync(settings.Scope, g.Key.SessionId, g.Key.ClinicId, g.Min(n => n.Delivery.NextAttemptAt), cancellationToken)));
        return recorded;
    }

    // The ETag-conditioned write that makes this caller the notification's only sender until the lease runs out.
    private async Task<Claim?> ClaimAsync(StoredNotification notification, CancellationToken cancellationToken)
    {
        var id = notification.Notification;
        var known = notification;
        if (known.ETag is null)
        {
            // A row whose ETag the commit did not report: claim it only if it is still as its creator wrote it.
            if (await repository.ReadNotificationAsync(id.ClinicId, id.SessionId, id.NotificationId, cancellationToken) is not { } stored
                || stored.Delivery.Attempts != known.Delivery.Attempts
                || stored.Delivery.NextAttemptAt != known.Delivery.NextAttemptAt)
            {
                return null;
            }

            known = stored;
        }

        if (known.Delivery.IsDelivered)
        {
            return null;
        }

        var lease = known.Delivery with { NextAttemptAt = clock.GetUtcNow() + settings.DispatchLease };
        if (await repository.UpdateDeliveryAsync(id.ClinicId, id.SessionId, id.NotificationId, lease, known.ETag ?? string.Empty, cancellationToken) is not { } etag)
        {
            LogNotClaimed(logger, id.NotificationId);
            return null;
        }

        return new Claim(known with { Delivery = lease, ETag = etag });
    }

    // Keeps the claims alive while the send lasts. Renewal writes are not cancelled midway: a write that reached the
    // table but whose answer was dropped would leave this sender with a stale ETag and so without its claim.
    private async Task RenewAsync(IReadOnlyList<Claim> claims, CancellationToken stop)
    {
        var every = settings.DispatchLease / 3;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, clock, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var until = clock.GetUtcNow() + settings.DispatchLease;
            await Task.WhenAll(claims.Where(c => !c.Lost).Select(async c =>
            {
                var n = c.Notification.Notification;
                var lease = c.Notification.Delivery with { NextAttemptAt = until };
                try
                {
                    if (await repository.UpdateDeliveryAsync(n.ClinicId, n.SessionId, n.NotificationId, lease, c.ETag, CancellationToken.None) is { } etag)
                    {
                        c.Renewed(lease, etag);
                    }
                    else
                    {
                        c.Lost = true;
                    }
                }
                catch (Exception ex) when (ex is StoreUnavailableException or HttpRequestException)
                {
                    // Storage unreachable: try again at the next renewal; the lease still runs until then.
                    LogRenewFailed(logger, n.NotificationId, ex);
                }
            }));
        }
    }

    private async Task<(IReadOnlyDictionary<string, IReadOnlyList<string?>> PerTransport, IReadOnlyDictionary<string, List<int>> Pending)> SendAsync(
        IReadOnlyList<StoredNotification> notifications,
        CancellationToken cancellationToken)
    {
        var outbound = notifications.Select(OutboundAlert.From).ToList();
        var perTransport = new Dictionary<string, IReadOnlyList<string?>>(StringComparer.Ordinal);
        var pending = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        using var timeout = new CancellationTokenSource(settings.SendTimeout, clock);
        using var sending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        await Task.WhenAll(transports.Select(async transport =>
        {
            var todo = Enumerable.Range(0, notifications.Count)
                .Where(i => !(notifications[i].Delivery.Transports.TryGetValue(transport.Name, out var d) && d.DeliveredAt is not null))
                .ToList();
            if (todo.Count == 0)
            {
                return;
            }

            IReadOnlyList<string?> results;
            using var span = InfusionAuditTelemetry.StartAlertDispatch(transport.Name, todo.Count);
            var started = Stopwatch.GetTimestamp();
            try
            {
                results = await transport.SendAsync([.. todo.Select(i => outbound[i])], sending.Token);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // A transport bug, or a send past SendTimeout, must not lose the others' results: count it as a failure of this transport.
                results = [.. todo.Select(_ => (string?)$"{transport.Name}: {ex.GetType().Name}: {ex.Message}")];
            }

            InfusionAuditTelemetry.RecordAlertDispatch(transport.Name, Stopwatch.GetElapsedTime(started), results.Count(r => r is not null));
            lock (perTransport)
            {
                perTransport[transport.Name] = results;
                pending[transport.Name] = todo;
            }
        }));

        return (perTransport, pending);
    }

    /// <summary>Delay before retry number <paramref name="attempts"/> + 1: doubling from <see cref="AlertOptions.RetryDelay"/>.</summary>
    public TimeSpan Backoff(int attempts)
    {
        var factor = Math.Pow(2, Math.Min(attempts - 1, 16));
        var delay = TimeSpan.FromTicks((long)Math.Min(settings.RetryDelay.Ticks * factor, settings.MaxRetryDelay.Ticks));
        return delay;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Alert notification {NotificationId} is claimed by another sender; not sent here")]
    private static partial void LogNotClaimed(ILogger logger, string notificationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert notification {NotificationId}: its claim ran out while it was being sent; the outcome is left to the new claimer")]
    private static partial void LogClaimLost(ILogger logger, string notificationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert notification {NotificationId}: renewing its claim failed; trying again at the next renewal")]
    private static partial void LogRenewFailed(ILogger logger, string notificationId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert notification {NotificationId} not delivered (attempt {Attempts}): {Error}; the alert timer retries it")]
    private static partial void LogFailed(ILogger logger, string notificationId, int attempts, string error);

    // One notification this sender holds: the renewals move its lease and ETag while the send runs.
    private sealed class Claim(StoredNotification notification)
    {
        private StoredNotification current = notification;

        public StoredNotification Notification => Volatile.Read(ref current);

        // Never empty: a claim exists only once a write over the notification's version returned the new one.
        public string ETag => Notification.ETag ?? string.Empty;

        public bool Lost { get; set; }

        public void Renewed(NotificationDelivery lease, string etag) => Volatile.Write(ref current, current with { Delivery = lease, ETag = etag });
    }
}
