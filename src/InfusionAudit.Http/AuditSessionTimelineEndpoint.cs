using InfusionAudit.Application;
using InfusionAudit.Application.Audit;
using InfusionAudit.Application.Sessions;
using InfusionAudit.Http.Audit;
using Microsoft.AspNetCore.Http;

namespace InfusionAudit.Http;

/// <summary>
/// <c>GET /api/sessions/{sessionId}/timeline</c>: state, events, findings and alerts of one session on
/// one time line. The clinic as for <see cref="SessionsEndpoint"/>: <c>clinicId</c>, needed when several clinics use the
/// session id. The time line and the findings are paged, each with its own cursor.
/// </summary>
public sealed class AuditSessionTimelineEndpoint(SessionTimelineHandler timelines, SessionQueryHandler sessions)
{
    /// <summary>The position of the first time line item to return (default 0); <c>nextTimelineFrom</c> asks for the next page.</summary>
    public const string TimelineFromName = "timelineFrom";

    /// <summary>How many time line items to return at most, 1–5000 (default 1000).</summary>
    public const string TimelineLimitName = "timelineLimit";

    public async Task<AuditAnswer> GetAsync(HttpRequest request, string sessionId, CancellationToken cancellationToken)
    {
        var p = new AuditParameters(
            request, SessionClinic.ClinicIdName, TimelineFromName, TimelineLimitName, SessionsEndpoint.FindingsFromName, SessionsEndpoint.FindingsLimitName);
        var id = p.RouteId("sessionId", sessionId);
        var named = p.Id(SessionClinic.ClinicIdName);
        var timelineFrom = (int)p.Whole(TimelineFromName, 0, int.MaxValue, 0);
        var timelineLimit = (int)p.Whole(TimelineLimitName, 1, SessionTimelineHandler.MaxTimelineLimit, SessionTimelineHandler.DefaultTimelineLimit);
        var (findingsFrom, findingsLimit) = SessionsEndpoint.FindingsPage(p);
        var (clinicId, refused) = await SessionClinic.ResolveAsync(p, sessions, id, named, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var timeline = await timelines.GetAsync(clinicId, id, cancellationToken, timelineFrom, timelineLimit, findingsFrom, findingsLimit);
        return timeline is null
            ? SessionClinic.NotReceived(id, clinicId)
            : new AuditAnswer(Results.Json(timeline, JsonDefaults.Answers), 1 + timeline.Timeline.Count);
    }
}
