using InfusionAudit.Application.Configuration;
using InfusionAudit.Domain.Alerts;
using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Protocols;
using InfusionAudit.Domain.Sessions;
using InfusionAudit.Application.Ports.Alerts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InfusionAudit.Application.Alerts;

/// <summary>
/// The session writer's hook (an outbox): <see cref="RaiseAsync"/> records alerts for new findings, and resolves the
/// session's alerts when it completed (never a critical one no person acknowledged), <em>before</em> the session commit, so a crash after that commit cannot forget
/// an alert (a redelivered message would find no new findings). Ids are deterministic and rows insert-if-absent, so a
/// retried or redelivered write finds its alerts already there. <see cref="DispatchAsync"/> runs after the commit.
/// </summary>
public sealed partial class AlertRaiser(
    AlertPolicy policy,
    IAlertPartitionStore repository,
    ISilenceStore silences,
    AlertStore store,
    AlertDispatcher dispatcher,
    ProtocolLibrary protocols,
    ClinicCalendar calendar,
    IOptions<AlertOptions> options,
    TimeProvider clock,
    ILogger<AlertRaiser> logger)
{
    private const int MaxAttempts = 20;

    private readonly AlertOptions settings = options.Value;

    /// <summary>True when this write has anything for alerting: a finding that alerts, or the normal end of the session.</summary>
    public bool Concerns(AlertRaiseRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return settings.Enabled
            && (request.NewFindings.Any(policy.Options.Alerts) || Completed(request) && MayHaveAlerts(request) || request.RevisesAlertingFindings);
    }

    /// <summary>Stores the alert decision of a session write; returns the notifications to send once the write committed.</summary>
    public async Task<IReadOnlyList<StoredNotification>> RaiseAsync(AlertRaiseRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Concerns(request))
        {
            return [];
        }

        var state = request.Evaluation.State;
        var alerting = request.NewFindings.Where(policy.Options.Alerts).ToList();
        var completed = Completed(request);
        var now = clock.GetUtcNow();
        var active = alerting.Count > 0 ? await silences.NotEndedAsync(state.ClinicId, now, cancellationToken) : [];
        var devices = DeviceLookup(request);
        var occurrences = OccurrenceLookup(request);
        for (var attempt = 1; ; attempt++)
        {
            var partition = await repository.LoadAsync(state.ClinicId, request.SessionId, cancellationToken);
            if (alerting.Count == 0 && partition.Group is null)
            {
                return [];
            }

            var changes = policy.Raise(partition.Snapshot, request.SessionId, state.ClinicId, alerting, devices, active, completed, now, request.Evaluation.Findings, occurrences);

            // The alerts are listed under the session's clinical date, the same the session lists and the report use.
            var sessionDate = calendar.DateOf(state.ClinicId, state.StartedAt ?? state.FirstOccurredAt);
            if (!changes.IsEmpty && changes.Group.SessionDate != sessionDate)
            {
                changes = changes with { Group = changes.Group with { SessionDate = sessionDate }, GroupChanged = true };
            }
            foreach (var held in changes.Dropped)
            {
                LogHeldPageDropped(logger, held.AlertId, held.Finding.RuleId, state.ClinicId, held.Finding.EventsMissing, (now - held.HeldAt).TotalSeconds);
            }

            if (changes.IsEmpty)
            {
                return [];
            }

            try
            {
                var created = await store.StoreAsync(partition, changes, now, cancellationToken);
                foreach (var alert in changes.Alerts.Where(a => partition.Snapshot.Find(a.AlertId) is null))
                {
                    LogRaised(logger, alert.AlertId, alert.RuleId, alert.ClinicId, alert.SuppressedBy);
                }

                foreach (var held in changes.Group.Pending.Where(p => partition.Snapshot.Group?.Pending.Any(before => before.AlertId == p.AlertId) != true))
                {
                    LogPageHeld(logger, held.AlertId, held.Finding.RuleId, state.ClinicId, held.Finding.EventsMissing, held.RaiseAt);
                }

                return created;
            }
            catch (AlertWriteConflictException) when (attempt < MaxAttempts)
            {
                LogConflict(logger, request.SessionId, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 20 * Math.Min(attempt, 10))), cancellationToken);
            }
        }
    }

    /// <summary>Sends what <see cref="RaiseAsync"/> stored, unless inline dispatch is off (then the alert timer sends it).</summary>
    public async Task DispatchAsync(IReadOnlyList<StoredNotification> notifications, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        if (notifications.Count > 0 && settings.InlineDispatch)
        {
            await dispatcher.DispatchAsync(notifications, cancellationToken);
        }
    }

    // Only a session that has an alerting finding can have an alert to resolve at its end: the others (most sessions)
    // need no read of the alert partition. An alert whose finding was later withdrawn stays open for a person to resolve.
    private bool MayHaveAlerts(AlertRaiseRequest request) => request.Evaluation.Findings.Any(policy.Options.Alerts);

    private static bool Completed(AlertRaiseRequest request) =>
        !request.WasEnded
        && request.Evaluation.State is { Status: SessionStatus.Ended, EndReason: SessionEndReason.Completed };

    private static Func<Finding, IReadOnlyList<string>> DeviceLookup(AlertRaiseRequest request)
    {
        Dictionary<string, string>? byEvent = null;
        return finding =>
        {
            if (finding.TriggerEventId is { } trigger)
            {
                byEvent ??= request.Events.GroupBy(e => e.Event.EventId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Event.DeviceId, StringComparer.Ordinal);
                if (byEvent.TryGetValue(trigger, out var device))
                {
                    return [device];
                }
            }

            return request.Evaluation.State.DeviceIds;
        };
    }

    // The trigger's device time against its receipt (the finding's detection), under the budget of the protocol the
    // finding was judged by; a timer finding happened at its detection instant and cannot arrive late.
    private Func<Finding, TriggerOccurrence?> OccurrenceLookup(AlertRaiseRequest request)
    {
        Dictionary<string, DateTimeOffset>? byEvent = null;
        return finding =>
        {
            if (finding.TriggerEventId is not { } trigger)
            {
                return new TriggerOccurrence(finding.DetectedAt, ArrivedLate: false);
            }

            byEvent ??= request.Events.GroupBy(e => e.Event.EventId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Event.OccurredAt, StringComparer.Ordinal);
            if (!byEvent.TryGetValue(trigger, out var occurredAt))
            {
                return null;
            }

            var protocol = protocols.Find(finding.ProtocolId, finding.ProtocolVersion) ?? protocols.Fallback;
            return TriggerOccurrence.Judge(occurredAt, finding.DetectedAt, protocol.Timing.LatencyBudget);
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Page of {AlertId} ({RuleId}, clinic {ClinicId}) held until {RaiseAt:O}: judged with {EventsMissing} events missing, which may still arrive")]
    private static partial void LogPageHeld(ILogger logger, string alertId, string ruleId, string clinicId, long eventsMissing, DateTimeOffset raiseAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Held page of {AlertId} ({RuleId}, clinic {ClinicId}) dropped after {Seconds:0} s: the {EventsMissing} missing events arrived and withdrew the finding")]
    private static partial void LogHeldPageDropped(ILogger logger, string alertId, string ruleId, string clinicId, long eventsMissing, double seconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Alerts of session {SessionId} changed while they were being written (attempt {Attempt}); reading them again")]
    private static partial void LogConflict(ILogger logger, string sessionId, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {AlertId} raised ({RuleId}, clinic {ClinicId}; silenced by {SilenceId})")]
    private static partial void LogRaised(ILogger logger, string alertId, string ruleId, string clinicId, string? silenceId);
}
