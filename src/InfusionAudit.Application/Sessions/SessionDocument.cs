using System.Text.Json;

namespace InfusionAudit.Application.Sessions;

/// <summary>The answer of <c>GET /api/sessions/{sessionId}</c>: state, events in sequence order and findings (a page of each).</summary>
/// <param name="EventCount">Events stored for the session, on every page.</param>
/// <param name="NextEventsFrom">
/// The <c>eventsFrom</c> that asks for the next page of events, or null when this answer holds the last. Pages end at a
/// sequence boundary, so an event is never split from another with the same sequence number.
/// </param>
/// <param name="FindingCount">Findings stored for the session (withdrawn ones included), on every page.</param>
/// <param name="NextFindingsFrom">The <c>findingsFrom</c> that asks for the next page of findings, or null when this answer holds the last.</param>
public sealed record SessionDocument(
    string SessionId,
    JsonElement State,
    IReadOnlyList<SessionEventDocument> Events,
    IReadOnlyList<SessionFindingDocument> Findings,
    int EventCount,
    long? NextEventsFrom,
    int FindingCount,
    int? NextFindingsFrom);
