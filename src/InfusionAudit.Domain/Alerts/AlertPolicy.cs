using System.Globalization;
using InfusionAudit.Domain.Findings;

namespace InfusionAudit.Domain.Alerts;

/// <summary>
/// The alert policy, pure: which findings alert, how a session's new problems are grouped into notifications, when an
/// unacknowledged alert escalates, what silences suppress (warnings only: never a critical alert), and the state machine
/// open → acknowledged → resolved (a critical alert is resolved automatically only once a person acknowledged it).
/// </summary>
/// <remarks>
/// Grouping follows Alertmanager's group_wait / group_interval, with one group per session: the first new problem of a
/// session notifies at once (group_wait 0, because a clinician must hear about a critical problem within seconds); new
/// problems within <see cref="AlertPolicyOptions.GroupWindow"/> of that notification are held and sent together as one
/// follow-up when the window closes (driven by the alert timer), which starts a new window. A repeat of a problem that
/// already has an alert (same session, rule and episode) never notifies again.
/// <para>
/// A problem judged on the rate history with events missing (a sequence gap before its trigger), or on device clock
/// offsets that later events may revise, waits up to
/// <see cref="AlertPolicyOptions.GapHold"/> before it is raised (<see cref="PendingAlert"/>): raised at once when the
/// missing events arrive and it still stands, dropped unseen when their arrival withdraws it, raised by the timer when
/// the hold runs out. A crashed host's messages otherwise paged over-deliveries integrated past a stop it still held.
/// </para>
/// </remarks>
public sealed class AlertPolicy(AlertPolicyOptions options)
{
    /// <summary>The reason recorded when a session's completion resolves its alerts.</summary>
    public const string SessionCompletedReason = "session completed normally";

    /// <summary>The numbers this policy uses.</summary>
    public AlertPolicyOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>
    /// Raises alerts for findings a session write stores for the first time, and resolves the session's earlier alerts
    /// when that write shows the session completed normally, except critical alerts no person has acknowledged.
    /// </summary>
    /// <param name="current">The session's alerts as stored.</param>
    /// <param name="sessionId">The session.</param>
    /// <param name="clinicId">Its clinic.</param>
    /// <param name="newFindings">Findings first stored by this write (of any severity; those that do not alert are skipped).</param>
    /// <param name="devicesOf">The devices an alert for a finding concerns (for silences and for the message).</param>
    /// <param name="silences">Silences of the clinic that may be active now.</param>
    /// <param name="sessionCompleted">True when this write shows the session ended with reason <c>completed</c>.</param>
    /// <param name="now">The current time.</param>
    /// <param name="standing">
    /// Every finding of the evaluation this write stores, or null when the write revises none: held pages are settled
    /// against it (<see cref="PendingAlert"/>).
    /// </param>
    /// <param name="occurrenceOf">When a finding's problem happened and whether it arrived late; null: not known.</param>
    public AlertChanges Raise(
        SessionAlerts current,
        string sessionId,
        string clinicId,
        IReadOnlyList<Finding> newFindings,
        Func<Finding, IReadOnlyList<string>> devicesOf,
        IReadOnlyList<Silence> silences,
        bool sessionCompleted,
        DateTimeOffset now,
        IReadOnlyList<Finding>? standing = null,
        Func<Finding, TriggerOccurrence?>? occurrenceOf = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(newFindings);
        ArgumentNullException.ThrowIfNull(devicesOf);
        ArgumentNullException.ThrowIfNull(silences);
        var before = current.Group ?? AlertGroup.Empty(sessionId, clinicId);
        var group = before;
        var alerts = new Dictionary<string, Alert>(StringComparer.Ordinal);
        foreach (var alert in current.Alerts)
        {
            alerts[alert.AlertId] = alert;
        }

        var changed = new List<Alert>();
        var notifications = new List<AlertNotification>();
        var raised = new List<Alert>();
        var pending = group.Pending.ToList();
        var dropped = SettlePending(pending, newFindings, standing, alerts, raised, silences, now);
        var ordered = newFindings
            .Where(Options.Alerts)
            .OrderBy(f => f.DetectedAt)
            .ThenBy(f => f.RuleId, StringComparer.Ordinal)
            .ThenBy(f => f.EpisodeKey, StringComparer.Ordinal);
        foreach (var finding in ordered)
        {
            var id = AlertIds.For(clinicId, sessionId, finding.RuleId, finding.EpisodeKey);
            if (alerts.ContainsKey(id) || pending.Exists(p => p.AlertId == id))
            {
                // The same problem again (a retry, a redelivery, a second host): never reset it, never notify again,
                // never restart its hold.
                continue;
            }

            var devices = devicesOf(finding);
            if (Options.GapHold > TimeSpan.Zero && MayBeWithdrawnByLateEvents(finding))
            {
                pending.Add(new PendingAlert(id, finding, devices, now, now + Options.GapHold, occurrenceOf?.Invoke(finding)));
                continue;
            }

            var alert = NewAlert(finding, id, devices, Silencing(finding.Severity, clinicId, devices, silences, now), now, Raised, occurrenceOf?.Invoke(finding));
            alerts[id] = alert;
            raised.Add(alert);
        }

        group = group with { Pending = pending };
        Page(ref group, alerts, raised, notifications, now);

        var touched = new HashSet<string>(raised.Select(a => a.AlertId), StringComparer.Ordinal);
        foreach (var n in notifications)
        {
            touched.UnionWith(n.AlertIds);
        }

        if (sessionCompleted)
        {
            // Only problems raised before this write: one the completing write itself shows (an end-of-session check)
            // still needs a person. A critical alert nobody acknowledged stays open and keeps escalating (catalogue v2):
            // a session that ended normally says nothing about whether anyone saw the problem.
            var resolved = current.Alerts.Where(MayResolveOnCompletion).Select(a => ResolveAlert(alerts[a.AlertId], AlertActor.System, SessionCompletedReason, now)).ToList();
            foreach (var alert in resolved)
            {
                alerts[alert.AlertId] = alert;
                touched.Add(alert.AlertId);
            }

            if (resolved.Count > 0)
            {
                var resolvedIds = resolved.Select(a => a.AlertId).ToHashSet(StringComparer.Ordinal);
                var held = group.Held.Where(id => !resolvedIds.Contains(id)).ToList();
                group = group with { Held = held, FlushAt = held.Count == 0 ? null : group.FlushAt };
                var notified = resolved.Where(a => a.NotifiedAt is not null).Select(a => a.AlertId).ToList();
                if (notified.Count > 0)
                {
                    notifications.Add(Notify(ref group, NotificationKind.Resolve, NotificationTarget.OnCall, notified, now));
                }
            }
        }

        changed.AddRange(touched.Select(id => alerts[id]).OrderBy(a => a.RaisedAt).ThenBy(a => a.AlertId, StringComparer.Ordinal));
        return new AlertChanges(group, !Same(group, before) || current.Group is null && (changed.Count > 0 || pending.Count > 0), changed, notifications)
        {
            Dropped = dropped,
        };
    }

    /// <summary>
    /// Settles the held pages against this write's evaluation: a finding no longer standing drops its page unseen, one
    /// standing without events missing is raised now (the whole picture confirms it), one still judged with events
    /// missing keeps waiting, with the latest evidence, until its first deadline.
    /// </summary>
    private List<PendingAlert> SettlePending(
        List<PendingAlert> pending,
        IReadOnlyList<Finding> newFindings,
        IReadOnlyList<Finding>? standing,
        Dictionary<string, Alert> alerts,
        List<Alert> raised,
        IReadOnlyList<Silence> silences,
        DateTimeOffset now)
    {
        var dropped = new List<PendingAlert>();
        if (pending.Count == 0)
        {
            return dropped;
        }

        var latest = new Dictionary<(string, string), Finding>();
        foreach (var finding in (standing ?? []).Concat(newFindings))
        {
            latest[(finding.RuleId, finding.EpisodeKey)] = finding;
        }

        for (var i = pending.Count - 1; i >= 0; i--)
        {
            var held = pending[i];
            if (!latest.TryGetValue((held.Finding.RuleId, held.Finding.EpisodeKey), out var finding))
            {
                if (standing is not null)
                {
                    pending.RemoveAt(i);
                    dropped.Add(held);
                }

                continue;
            }

            if (!Options.Alerts(finding))
            {
                pending.RemoveAt(i);
                dropped.Add(held);
            }
            else if (!MayBeWithdrawnByLateEvents(finding))
            {
                pending.RemoveAt(i);
                var alert = NewAlert(finding, held.AlertId, held.DeviceIds, Silencing(finding.Severity, finding.ClinicId, held.DeviceIds, silences, now), now,
                    string.Create(CultureInfo.InvariantCulture, $"raised: the missing events arrived after {(now - held.HeldAt).TotalSeconds:0} s and the problem stands"), held.Occurrence);
                alerts[alert.AlertId] = alert;
                raised.Add(alert);
            }
            else if (!finding.Equals(held.Finding))
            {
                pending[i] = held with { Finding = finding };
            }
        }

        dropped.Reverse();
        return dropped;
    }

    /// <summary>
    /// Notifies newly raised problems: at once as a trigger, or held for the follow-up when the session's group window
    /// is open (a notification of it went out less than one window ago).
    /// </summary>
    private void Page(ref AlertGroup group, Dictionary<string, Alert> alerts, List<Alert> raised, List<AlertNotification> notifications, DateTimeOffset now)
    {
        var toNotify = raised.Where(a => !a.IsSuppressed).Select(a => a.AlertId).ToList();
        if (toNotify.Count == 0)
        {
            return;
        }

        if (group.LastNotifiedAt is { } last && now < last + Options.GroupWindow)
        {
            group = group with { Held = [.. group.Held, .. toNotify], FlushAt = last + Options.GroupWindow };
            return;
        }

        // Problems still held from a window the timer has not closed yet go out with the new ones.
        var ids = group.Held.Where(id => alerts.TryGetValue(id, out var held) && held.State == AlertState.Open && !held.IsSuppressed).Concat(toNotify).ToList();
        group = group with { Held = [], FlushAt = null };
        notifications.Add(Notify(ref group, NotificationKind.Trigger, NotificationTarget.OnCall, ids, now));
        foreach (var id in ids)
        {
            alerts[id] = alerts[id] with { NotifiedAt = alerts[id].NotifiedAt ?? now };
        }
    }

    /// <summary>
    /// The alert timer's decision for one session at <paramref name="now"/>: send held problems whose window closed as
    /// one follow-up, and escalate open alerts past their deadline. Silences active now suppress both for warnings; critical alerts go out whatever the silences.
    /// </summary>
    public AlertChanges Tick(SessionAlerts current, IReadOnlyList<Silence> silences, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(silences);
        if (current.Group is not { } before)
        {
            return new AlertChanges(AlertGroup.Empty(string.Empty, string.Empty), false, [], []);
        }

        var group = before;
        var alerts = current.Alerts.ToDictionary(a => a.AlertId, StringComparer.Ordinal);
        var touched = new HashSet<string>(StringComparer.Ordinal);
        var notifications = new List<AlertNotification>();

        // Held pages whose hold ran out with the events still missing: raised now, marked as judged without them.
        var due = group.Pending.Where(p => now >= p.RaiseAt).ToList();
        if (due.Count > 0)
        {
            var raised = new List<Alert>();
            foreach (var held in due)
            {
                if (alerts.ContainsKey(held.AlertId))
                {
                    continue;
                }

                var missing = held.Finding.EventsMissing;
                var why = missing > 0
                    ? $"judged with {missing} {(missing == 1 ? "event" : "events")} missing, which did not arrive"
                    : "judged on device clock offsets, which no later event revised";
                var alert = NewAlert(held.Finding, held.AlertId, held.DeviceIds, Silencing(held.Finding.Severity, held.Finding.ClinicId, held.DeviceIds, silences, now), now,
                    string.Create(CultureInfo.InvariantCulture, $"raised after a {(held.RaiseAt - held.HeldAt).TotalSeconds:0} s hold from {held.HeldAt:O}: {why}"), held.Occurrence);
                alerts[alert.AlertId] = alert;
                raised.Add(alert);
                touched.Add(alert.AlertId);
            }

            group = group with { Pending = [.. group.Pending.Where(p => now < p.RaiseAt)] };
            Page(ref group, alerts, raised, notifications, now);
            foreach (var n in notifications)
            {
                touched.UnionWith(n.AlertIds);
            }
        }

        if (group.FlushAt is { } flushAt && now >= flushAt)
        {
            var ids = new List<string>();
            foreach (var id in group.Held)
            {
                if (!alerts.TryGetValue(id, out var alert) || alert.State != AlertState.Open || alert.IsSuppressed)
                {
                    continue;
                }

                if (Silencing(alert, silences, now) is { } silence)
                {
                    alerts[id] = Suppress(alert, silence, now);
                    touched.Add(id);
                    continue;
                }

                ids.Add(id);
            }

            group = group with { Held = [], FlushAt = null };
            if (ids.Count > 0)
            {
                notifications.Add(Notify(ref group, NotificationKind.FollowUp, NotificationTarget.OnCall, ids, now));
                foreach (var id in ids)
                {
                    alerts[id] = alerts[id] with { NotifiedAt = alerts[id].NotifiedAt ?? now };
                    touched.Add(id);
                }
            }
        }

        var escalated = new List<string>();
        foreach (var alert in current.Alerts.OrderBy(a => a.RaisedAt).ThenBy(a => a.AlertId, StringComparer.Ordinal))
        {
            var latest = alerts[alert.AlertId];
            if (!IsEscalationDue(latest, now))
            {
                continue;
            }

            if (Silencing(latest, silences, now) is { } silence)
            {
                alerts[alert.AlertId] = Suppress(latest, silence, now);
            }
            else
            {
                var deadline = Options.EscalationDeadlineFor(latest.ClinicId);
                alerts[alert.AlertId] = latest with
                {
                    EscalatedAt = now,
                    History = [.. latest.History, new AlertStateChange(now, latest.State, AlertActor.SystemName, null, $"escalated: not acknowledged within {Minutes(deadline)}")],
                };
                escalated.Add(alert.AlertId);
            }

            touched.Add(alert.AlertId);
        }

        if (escalated.Count > 0)
        {
            notifications.Add(Notify(ref group, NotificationKind.Escalation, NotificationTarget.Escalation, escalated, now));
        }

        var changed = touched.Select(id => alerts[id]).OrderBy(a => a.RaisedAt).ThenBy(a => a.AlertId, StringComparer.Ordinal).ToList();
        return new AlertChanges(group, !Same(group, before), changed, notifications);
    }

    /// <summary>A person acknowledges an alert: it stops escalating. Acknowledging twice changes nothing; a resolved alert cannot be.</summary>
    public static AlertCommandResult Acknowledge(SessionAlerts current, string alertId, AlertActor by, string? note, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(by);
        if (current.Find(alertId) is not { } alert || current.Group is null)
        {
            return new AlertCommandResult(AlertCommandStatus.NotFound, null, null);
        }

        switch (alert.State)
        {
            case AlertState.Resolved:
                return new AlertCommandResult(AlertCommandStatus.AlreadyResolved, alert, null);
            case AlertState.Acknowledged:
                return new AlertCommandResult(AlertCommandStatus.Unchanged, alert, null);
        }

        var acknowledged = alert with
        {
            State = AlertState.Acknowledged,
            AcknowledgedBy = by,
            AcknowledgedAt = now,
            History = [.. alert.History, new AlertStateChange(now, AlertState.Acknowledged, by.Name, by.Via, string.IsNullOrWhiteSpace(note) ? "acknowledged" : note)],
        };
        return Command(current.Group, acknowledged, NotificationKind.Acknowledge, now);
    }

    /// <summary>A person resolves an alert (open or acknowledged). Resolving twice changes nothing.</summary>
    public static AlertCommandResult Resolve(SessionAlerts current, string alertId, AlertActor by, string reason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(by);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (current.Find(alertId) is not { } alert || current.Group is null)
        {
            return new AlertCommandResult(AlertCommandStatus.NotFound, null, null);
        }

        if (alert.State == AlertState.Resolved)
        {
            return new AlertCommandResult(AlertCommandStatus.Unchanged, alert, null);
        }

        return Command(current.Group, ResolveAlert(alert, by, reason, now), NotificationKind.Resolve, now);
    }

    /// <summary>When the timer next has work for this session (a window closing, a held page, an escalation), or null.</summary>
    public static DateTimeOffset? NextDue(SessionAlerts current)
    {
        ArgumentNullException.ThrowIfNull(current);
        DateTimeOffset? next = current.Group is { FlushAt: { } flush, Held.Count: > 0 } ? flush : null;
        foreach (var held in current.Group?.Pending ?? [])
        {
            if (next is null || held.RaiseAt < next)
            {
                next = held.RaiseAt;
            }
        }

        foreach (var alert in current.Alerts)
        {
            if (alert is { State: AlertState.Open, SuppressedBy: null, EscalatedAt: null, EscalateAt: { } at } && (next is null || at < next))
            {
                next = at;
            }
        }

        return next;
    }

    private static AlertCommandResult Command(AlertGroup group, Alert changed, NotificationKind kind, DateTimeOffset now)
    {
        var notifications = new List<AlertNotification>();
        var before = group;
        if (changed.NotifiedAt is not null)
        {
            notifications.Add(Notify(ref group, kind, NotificationTarget.OnCall, [changed.AlertId], now));
        }

        if (changed.State == AlertState.Resolved && group.Held.Contains(changed.AlertId))
        {
            var held = group.Held.Where(id => id != changed.AlertId).ToList();
            group = group with { Held = held, FlushAt = held.Count == 0 ? null : group.FlushAt };
        }

        return new AlertCommandResult(AlertCommandStatus.Changed, changed, new AlertChanges(group, !Same(group, before), [changed], notifications));
    }

    private const string Raised = "raised";

    private Alert NewAlert(Finding finding, string id, IReadOnlyList<string> devices, Silence? silence, DateTimeOffset now, string note, TriggerOccurrence? occurrence) => new(
        id,
        finding.SessionId,
        finding.ClinicId,
        finding.RuleId,
        finding.EpisodeKey,
        finding.Severity,
        finding.ProtocolId,
        finding.ProtocolVersion,
        finding.Evidence,
        finding.EvidenceValues,
        devices,
        finding.TriggerEventId,
        finding.DetectedAt,
        now,
        AlertState.Open,
        silence?.SilenceId,
        null,
        silence is null ? now + Options.EscalationDeadlineFor(finding.ClinicId) : null,
        null,
        null,
        null,
        null,
        null,
        null,
        [new AlertStateChange(now, AlertState.Open, AlertActor.SystemName, null, silence is null ? note : $"{note}; not notified: silence {silence.SilenceId} ({silence.Reason})")],
        occurrence?.OccurredAt,
        occurrence?.ArrivedLate ?? false);

    private static Alert ResolveAlert(Alert alert, AlertActor by, string reason, DateTimeOffset now) => alert with
    {
        State = AlertState.Resolved,
        ResolvedBy = by,
        ResolvedAt = now,
        ResolveReason = reason,
        History = [.. alert.History, new AlertStateChange(now, AlertState.Resolved, by.Name, by.Via, reason)],
    };

    private static Alert Suppress(Alert alert, Silence silence, DateTimeOffset now) => alert with
    {
        SuppressedBy = silence.SilenceId,
        History = [.. alert.History, new AlertStateChange(now, alert.State, AlertActor.SystemName, null, $"not notified: silence {silence.SilenceId} ({silence.Reason})")],
    };

    private static Silence? Silencing(Alert alert, IReadOnlyList<Silence> silences, DateTimeOffset now) =>
        Silencing(alert.Severity, alert.ClinicId, alert.DeviceIds, silences, now);

    private static Silence? Silencing(Severity severity, string clinicId, IReadOnlyList<string> devices, IReadOnlyList<Silence> silences, DateTimeOffset now) =>
        MaySilence(severity) ? silences.FirstOrDefault(s => s.Matches(clinicId, devices, now)) : null;

    /// <summary>
    /// A finding judged on the rate history with events known to be missing, or on device clock offsets that the
    /// device's later events may shrink: the late events may withdraw it, so its page waits for them.
    /// </summary>
    private static bool MayBeWithdrawnByLateEvents(Finding finding) =>
        MayHoldPageOf(finding.RuleId)
        && (finding.EventsMissing > 0 || finding.EvidenceValues.ContainsKey(Finding.ClockOffsetJudgedKey));

    /// <summary>
    /// Whether a finding of this rule can ever have its page held (see <see cref="AlertGroup.Pending"/>): only then can
    /// a later change to the stored finding settle a held page. The write path asks this before reading the alert
    /// partition, so the two cannot drift apart.
    /// </summary>
    public static bool MayHoldPageOf(string ruleId) => RuleIds.JudgedOnTheRateHistory.Contains(ruleId);

    // Catalogue v2: a silence (a maintenance window) may keep warnings quiet, never a critical problem.
    private static bool MaySilence(Severity severity) => severity != Severity.Critical;

    // Catalogue v2: never resolved automatically unless a person acknowledged it.
    private static bool MayResolveOnCompletion(Alert alert) =>
        alert.IsActive && (alert.Severity != Severity.Critical || alert.State == AlertState.Acknowledged);

    private static bool IsEscalationDue(Alert alert, DateTimeOffset now) =>
        alert is { State: AlertState.Open, SuppressedBy: null, EscalatedAt: null, EscalateAt: { } at } && now >= at;

    private static AlertNotification Notify(ref AlertGroup group, NotificationKind kind, NotificationTarget target, IReadOnlyList<string> alertIds, DateTimeOffset now)
    {
        var number = checked(group.NotificationCount + 1);
        group = group with
        {
            NotificationCount = number,
            LastNotifiedAt = kind is NotificationKind.Trigger or NotificationKind.FollowUp ? now : group.LastNotifiedAt,
        };
        return new AlertNotification(AlertIds.Notification(group.ClinicId, group.SessionId, number), number, group.SessionId, group.ClinicId, kind, target, alertIds, now);
    }

    private static bool Same(AlertGroup left, AlertGroup right) =>
        left.SessionId == right.SessionId
        && left.ClinicId == right.ClinicId
        && left.LastNotifiedAt == right.LastNotifiedAt
        && left.FlushAt == right.FlushAt
        && left.NotificationCount == right.NotificationCount
        && left.Held.SequenceEqual(right.Held, StringComparer.Ordinal)
        && left.Pending.SequenceEqual(right.Pending);

    private static string Minutes(TimeSpan span) =>
        span.TotalMinutes >= 1 && span.TotalMinutes == Math.Floor(span.TotalMinutes)
            ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalMinutes:0} min")
            : string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.#} s");
}
