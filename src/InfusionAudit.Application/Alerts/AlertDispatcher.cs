using System.Diagnostics;
using InfusionAudit.Application.Telemetry;
using InfusionAudit.Storage.Alerts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InfusionAudit.Application.Alerts;

/// <summary>
/// Sends stored notifications on every configured transport and records the outcome on each notification row:
/// attempts, per-transport delivery, last error and, after a failure, when the alert timer tries again (exponential
/// back-off). Only transports that have not accepted a notification are tried again. Never throws for a failed send:
/// the notification is durable and the timer retries it.
/// </summary>
public sealed partial class AlertDispatcher(
    IEnumerable<IAlertTransport> transports,
    AlertRepository repository,
    AlertIndex index,
    IOptions<AlertOptions> options,
    TimeProvider clock,
    ILogger<AlertDispatcher> logger)
{
    private readonly IReadOnlyList<IAlertTransport> transports = [.. transports];
    private readonly AlertOptions settings = options.Value;

    /// <summary>Sends and records; returns the notifications with their new dispatch record.</summary>
    public async Task<IReadOnlyList<StoredNotification>> DispatchAsync(IReadOnlyList<StoredNotification> notifications, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        if (notifications.Count == 0)
        {
            return [];
        }

        var outbound = notifications.Select(OutboundAlert.From).ToList();
        var perTransport = new Dictionary<string, IReadOnlyList<string?>>(StringComparer.Ordinal);
        var pending = new Dictionary<string, List<int>>(StringComparer.Ordinal);
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
                results = await transport.SendAsync([.. todo.Select(i => outbound[i])], cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // A transport bug must not lose the others' results: count it as a failure of this transport.
                results = [.. todo.Select(_ => (string?)$"{transport.Name}: {ex.GetType().Name}: {ex.Message}")];
            }

            InfusionAuditTelemetry.RecordAlertDispatch(transport.Name, Stopwatch.GetElapsedTime(started), results.Count(r => r is not null));
            lock (perTransport)
            {
                perTransport[transport.Name] = results;
                pending[transport.Name] = todo;
            }
        }));

        var now = clock.GetUtcNow();
        var updated = new List<StoredNotification>(notifications.Count);
        for (var i = 0; i < notifications.Count; i++)
        {
            var before = notifications[i].Delivery;
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
            updated.Add(notifications[i] with { Delivery = delivery });
            if (error is not null)
            {
                LogFailed(logger, notifications[i].Notification.NotificationId, attempts, error);
            }
        }

        await Task.WhenAll(updated.Select(n => repository.UpdateDeliveryAsync(n.Notification.SessionId, n.Notification.NotificationId, n.Delivery, null, cancellationToken)));

        // A failure must bring the timer back at the retry time, whatever the session's schedule said.
        await Task.WhenAll(updated.Where(n => !n.Delivery.IsDelivered)
            .GroupBy(n => n.Notification.SessionId)
            .Select(g => index.ScheduleAsync(settings.Scope, g.Key, g.First().Notification.ClinicId, g.Min(n => n.Delivery.NextAttemptAt), cancellationToken)));
        return updated;
    }

    /// <summary>Delay before retry number <paramref name="attempts"/> + 1: doubling from <see cref="AlertOptions.RetryDelay"/>.</summary>
    public TimeSpan Backoff(int attempts)
    {
        var factor = Math.Pow(2, Math.Min(attempts - 1, 16));
        var delay = TimeSpan.FromTicks((long)Math.Min(settings.RetryDelay.Ticks * factor, settings.MaxRetryDelay.Ticks));
        return delay;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert notification {NotificationId} not delivered (attempt {Attempts}): {Error}; the alert timer retries it")]
    private static partial void LogFailed(ILogger logger, string notificationId, int attempts, string error);
}
