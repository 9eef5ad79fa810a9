using InfusionAudit.Domain.Alerts;
using InfusionAudit.Application.Ports.Alerts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InfusionAudit.Application.Alerts;

/// <summary>
/// The alert timer's work: for each session in the due index (never a scan) close group windows into follow-ups,
/// escalate unacknowledged alerts, and send notifications that are still undelivered once their lease or retry time
/// has passed (a crash between the session commit and the send, or a failed transport). Then reschedule the session.
/// </summary>
public sealed partial class AlertClockHandler(
    AlertPolicy policy,
    IAlertPartitionStore repository,
    IAlertIndex index,
    ISilenceStore silences,
    AlertStore store,
    AlertDispatcher dispatcher,
    IOptions<AlertOptions> options,
    TimeProvider clock,
    ILogger<AlertClockHandler> logger)
{
    private const int Parallelism = 8;
    private const int MaxSessionsPerTick = 1000;
    private const int MaxAttempts = 10;

    private readonly AlertOptions settings = options.Value;

    /// <summary>Runs one tick; returns how many sessions had due work.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        if (!settings.Enabled)
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        var due = await index.ListDueAsync(settings.Scope, now, MaxSessionsPerTick, cancellationToken);
        var failures = 0;
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (session, ct) =>
        {
            try
            {
                await ProcessAsync(session, now, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One broken session must not stop the others; its due row stays, so the next tick tries again.
                Interlocked.Increment(ref failures);
                LogFailure(logger, session.SessionId, ex);
            }
        });

        if (due.Count > 0)
        {
            LogTick(logger, due.Count, failures);
        }

        return due.Count;
    }

    private async Task ProcessAsync(DueSession due, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var partition = await repository.LoadAsync(due.ClinicId, due.SessionId, cancellationToken);
            if (partition.Group is not { } group)
            {
                // A writer scheduled the session and crashed before its commit: nothing to do.
                await index.RescheduleAsync(settings.Scope, due, null, cancellationToken);
                return;
            }

            var snapshot = partition.Snapshot;
            var active = NeedsSilences(snapshot, now) ? await silences.NotEndedAsync(group.ClinicId, now, cancellationToken) : [];
            var changes = policy.Tick(snapshot, active, now);
            IReadOnlyList<StoredNotification> created = [];
            if (!changes.IsEmpty)
            {
                try
                {
                    created = await store.StoreAsync(partition, changes, now, cancellationToken);
                }
                catch (AlertWriteConflictException) when (attempt < MaxAttempts)
                {
                    continue;
                }

                snapshot = Apply(snapshot, changes);
            }

            // Undelivered notifications past their lease or retry time, with the ones this tick created: the dispatcher
            // claims each with the ETag read here, so two timers, or a timer and a slow sender, never both send it.
            var stale = partition.Undelivered.Where(n => n.Delivery.NextAttemptAt <= now).ToList();
            var sent = await dispatcher.DispatchAsync([.. stale, .. created], cancellationToken);
            var sentIds = sent.Select(n => n.Notification.NotificationId).ToHashSet(StringComparer.Ordinal);

            // One claimed by another sender meanwhile is looked at again once that sender's lease would have run out.
            var stillPending = partition.Undelivered.Concat(created).Where(n => !sentIds.Contains(n.Notification.NotificationId))
                .Select(n => n.Delivery.NextAttemptAt <= now ? now + settings.DispatchLease : n.Delivery.NextAttemptAt)
                .Concat(sent.Where(n => !n.Delivery.IsDelivered).Select(n => n.Delivery.NextAttemptAt))
                .Select(t => (DateTimeOffset?)t)
                .Min();
            var next = new[] { AlertPolicy.NextDue(snapshot), stillPending }.Where(t => t is not null).Min();
            await index.RescheduleAsync(settings.Scope, due, next, cancellationToken);
            return;
        }
    }

    private static bool NeedsSilences(SessionAlerts snapshot, DateTimeOffset now) =>
        AlertPolicy.NextDue(snapshot) is { } next && next <= now;

    private static SessionAlerts Apply(SessionAlerts snapshot, AlertChanges changes)
    {
        var alerts = snapshot.Alerts.ToDictionary(a => a.AlertId, StringComparer.Ordinal);
        foreach (var alert in changes.Alerts)
        {
            alerts[alert.AlertId] = alert;
        }

        return new SessionAlerts(changes.Group, [.. alerts.Values]);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Alert timer work for session {SessionId} failed; it stays due")]
    private static partial void LogFailure(ILogger logger, string sessionId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert timer handled {Sessions} due sessions ({Failures} failed)")]
    private static partial void LogTick(ILogger logger, int sessions, int failures);
}
