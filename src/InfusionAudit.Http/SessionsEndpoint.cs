using InfusionAudit.Application;
using InfusionAudit.Application.Audit;
using InfusionAudit.Application.Sessions;
using InfusionAudit.Http.Audit;
using Microsoft.AspNetCore.Http;

namespace InfusionAudit.Http;

/// <summary>
/// <c>GET /api/sessions/{sessionId}?clinicId=</c>: state, events in sequence order and findings of one session. A session
/// is a clinic's session id: without <c>clinicId</c> the read answers when exactly one clinic has that id, and a 409
/// problem naming the clinics when several do. Events and findings are paged, each with its own cursor.
/// </summary>
public sealed class SessionsEndpoint(SessionQueryHandler sessions)
{
    /// <summary>The lowest sequence number of the events to return (default 0); <c>nextEventsFrom</c> of the answer asks for the next page.</summary>
    public const string EventsFromName = "eventsFrom";

    /// <summary>How many events to return at most, 1–5000 (default 1000); a page ends at a sequence boundary.</summary>
    public const string EventsLimitName = "eventsLimit";

    /// <summary>The position of the first finding to return, in detection order (default 0); <c>nextFindingsFrom</c> asks for the next page.</summary>
    public const string FindingsFromName = "findingsFrom";

    /// <summary>How many findings to return at most, 1–5000 (default 1000).</summary>
    public const string FindingsLimitName = "findingsLimit";

    /// <summary>Reads <see cref="FindingsFromName"/> and <see cref="FindingsLimitName"/>, shared with the time line.</summary>
    internal static (int From, int Limit) FindingsPage(AuditParameters p) =>
        ((int)p.Whole(FindingsFromName, 0, int.MaxValue, 0),
         (int)p.Whole(FindingsLimitName, 1, SessionQueryHandler.MaxFindingsLimit, SessionQueryHandler.DefaultFindingsLimit));

    public async Task<AuditAnswer> GetAsync(HttpRequest request, string sessionId, CancellationToken cancellationToken)
    {
        var p = new AuditParameters(request, SessionClinic.ClinicIdName, EventsFromName, EventsLimitName, FindingsFromName, FindingsLimitName);
        var id = p.RouteId("sessionId", sessionId);
        var named = p.Id(SessionClinic.ClinicIdName);
        var from = p.Whole(EventsFromName, 0, long.MaxValue, 0);
        var limit = (int)p.Whole(EventsLimitName, 1, SessionQueryHandler.MaxEventsLimit, SessionQueryHandler.DefaultEventsLimit);
        var (findingsFrom, findingsLimit) = FindingsPage(p);
        var (clinicId, refused) = await SessionClinic.ResolveAsync(p, sessions, id, named, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var document = await sessions.GetAsync(clinicId, id, from, limit, cancellationToken, findingsFrom, findingsLimit);
        return document is null
            ? SessionClinic.NotReceived(id, clinicId)
            : new AuditAnswer(Results.Json(document, JsonDefaults.Answers), 1 + document.Events.Count + document.Findings.Count);
    }
}
