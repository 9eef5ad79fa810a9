using System.Text.Json;
using InfusionAudit.Application.Sessions;
using InfusionAudit.Domain.Alerts;
using InfusionAudit.Domain.Sessions;
using InfusionAudit.Infrastructure.Storage.Alerts;
using InfusionAudit.Infrastructure.Storage.Sessions;

namespace InfusionAudit.Application.Audit;

/// <summary>One session's time line: its partition and its alert partition, read side by side (two requests).</summary>
public sealed class SessionTimelineHandler(SessionRepository sessions, AlertRepository alerts)
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

        var state = JsonSerializer.Deserialize<SessionState>(partition.State.StateJson, JsonDefaults.Options)!;
        var items = new List<AuditTimelineItem>();
        items.AddRange(partition.Events.Select(e => new AuditTimelineItem(e.OccurredAt, "event", e.Type, e.EventId, null, null)));
        foreach (var f in partition.Findings)
        {
            items.Add(new AuditTimelineItem(f.DetectedAt, "finding", f.RuleId, f.EpisodeKey, f.Severity, null));
            if (f.RetractedAt is { } retracted)
            {
                items.Add(new AuditTimelineItem(retracted, "findingRetracted", f.RuleId, f.EpisodeKey, f.Severity, null));
            }
        }

        var sessionAlerts = alertRead.Result.Alerts;
        foreach (var alert in sessionAlerts)
        {
            items.AddRange(alert.History.Select(h => new AuditTimelineItem(h.At, "alert", h.Note, alert.AlertId, Name(alert.Severity), h.By)));
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

    private static SessionAlertDocument ToDocument(Alert a) => new(
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
