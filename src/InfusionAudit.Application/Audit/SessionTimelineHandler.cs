using System.Text.Json;
using InfusionAudit.Application.Configuration;
using InfusionAudit.Application.Sessions;
using InfusionAudit.Domain.Alerts;
using InfusionAudit.Domain.Sessions;
using InfusionAudit.Application.Ports.Alerts;
using InfusionAudit.Application.Ports.Audit;
using InfusionAudit.Application.Ports.Rejections;
using InfusionAudit.Application.Ports.Sessions;

namespace InfusionAudit.Application.Audit;

/// <summary>
/// One session's time line: its partition, its alert partition and its rejected input (one partition per clinical day
/// it spans, usually one), read side by side, merged in the order things happened.
/// </summary>
public sealed class SessionTimelineHandler(ISessionStore sessions, IAlertPartitionStore alerts, IRejectedEventQueries rejections, ClinicCalendar calendar)
{
    /// <summary>Time line items on one page unless asked for fewer: every event is an item, so a 4 h session at 1 Hz has 14,400.</summary>
    public const int DefaultTimelineLimit = PositionPage.DefaultLimit;

    public const int MaxTimelineLimit = PositionPage.MaxLimit;

    /// <summary>The time line from position <paramref name="timelineFrom"/> and the findings from <paramref name="findingsFrom"/>, each at most its limit.</summary>
    public async Task<SessionAuditTimeline?> GetAsync(
        string clinicId,
        string sessionId,
        CancellationToken cancellationToken,
        int timelineFrom = 0,
        int timelineLimit = PositionPage.DefaultLimit,
        int findingsFrom = 0,
        int findingsLimit = PositionPage.DefaultLimit)
    {
        var partitionRead = sessions.LoadAsync(clinicId, sessionId, cancellationToken);
        var alertRead = alerts.LoadAsync(clinicId, sessionId, cancellationToken);
        await Task.WhenAll(partitionRead, alertRead);
        var partition = partitionRead.Result;
        if (partition.State is null)
        {
            return null;
        }

        // Rejected input is filed under the clinical day it occurred on (or was received on, when unreadable).
        var times = partition.Events.Select(e => e.OccurredAt).Concat(partition.Events.Select(e => e.ReceivedAt)).ToList();
        var rejectedRead = times.Count == 0
            ? Task.FromResult<IReadOnlyList<RejectedEventRow>>([])
            : rejections.ListSessionAsync(clinicId, sessionId, calendar.DateOf(clinicId, times.Min()), calendar.DateOf(clinicId, times.Max()), cancellationToken);

        var state = JsonSerializer.Deserialize<SessionState>(partition.State.StateJson, JsonDefaults.Options)!;
        var items = new List<AuditTimelineItem>();
        var occurred = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var e in partition.Events)
        {
            occurred.TryAdd(e.EventId, e.OccurredAt);
            items.Add(new AuditTimelineItem(e.OccurredAt, "event", e.Type, e.EventId, null, null) { OccurredAt = e.OccurredAt, ReceivedAt = e.ReceivedAt });
        }

        foreach (var f in partition.Findings)
        {
            var at = f.TriggerEventId is { } trigger && occurred.TryGetValue(trigger, out var o) ? o : f.DetectedAt;
            items.Add(new AuditTimelineItem(at, "finding", f.RuleId, f.EpisodeKey, f.Severity, null) { OccurredAt = at, DetectedAt = f.DetectedAt });
            if (f.RetractedAt is { } retracted)
            {
                items.Add(new AuditTimelineItem(retracted, "findingRetracted", f.RuleId, f.EpisodeKey, f.Severity, null)
                {
                    OccurredAt = at,
                    DetectedAt = f.DetectedAt,
                    Note = f.TriggerEventId is null ? "withdrawn: events that arrived late showed the condition was not met" : "withdrawn: later evidence",
                });
            }
        }

        foreach (var r in await rejectedRead)
        {
            var at = RawEventTime.OccurredAt(r.RawText);
            items.Add(new AuditTimelineItem(at ?? r.ReceivedAt, "rejected", r.Rule, r.EventId ?? $"{r.MessageKey}#{r.Index}", null, null)
            {
                OccurredAt = at,
                ReceivedAt = r.ReceivedAt,
                Note = PatientHashRedaction.Redact(r.Message),
            });
        }

        var sessionAlerts = alertRead.Result.Alerts;
        foreach (var alert in sessionAlerts)
        {
            AlertState? previous = null;
            foreach (var h in alert.History)
            {
                // The state word first: a person's note ("on my way") alone does not say the alert was acknowledged.
                var what = previous is null ? "raised" : previous != h.State ? Name(h.State) : h.Note;
                items.Add(new AuditTimelineItem(h.At, "alert", what, alert.AlertId, Name(alert.Severity), h.By) { State = Name(h.State), Note = h.Note });
                previous = h.State;
            }
        }

        var ordered = items
            .OrderBy(i => i.At)
            .ThenBy(i => i.Kind, StringComparer.Ordinal)
            .ThenBy(i => i.Ref, StringComparer.Ordinal)
            .ToList();
        var (timeline, nextTimeline) = PositionPage.Take(ordered, timelineFrom, timelineLimit);
        var (findings, nextFindings) = PositionPage.Take(SessionQueryHandler.InDetectionOrder(partition.Findings), findingsFrom, findingsLimit);
        return new SessionAuditTimeline(
            sessionId,
            state.ClinicId,
            Name(state.Status),
            state.ProtocolId,
            state.ProtocolVersion,
            state.StartedAt,
            state.EndedAt,
            state.EndReason is { } reason ? Name(reason) : null,
            state.Status == SessionStatus.Ended ? state.DeliveredDoseMgPerKg : null,
            timeline,
            [.. findings.Select(f => SessionQueryHandler.ToDocument(f) with { Evidence = PatientHashRedaction.Redact(f.Evidence) })],
            [.. sessionAlerts.Select(ToDocument)],
            ordered.Count,
            nextTimeline,
            partition.Findings.Count,
            nextFindings);
    }

    internal static SessionAlertDocument ToDocument(Alert a) => new(
        a.AlertId,
        a.RuleId,
        a.EpisodeKey,
        Name(a.Severity),
        Name(a.State),
        a.RaisedAt,
        a.NotifiedAt,
        a.EscalatedAt,
        a.AcknowledgedAt,
        a.AcknowledgedBy?.Name,
        a.ResolvedAt,
        a.ResolvedBy?.Name,
        a.ResolveReason,
        a.SuppressedBy);

    private static string Name<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
