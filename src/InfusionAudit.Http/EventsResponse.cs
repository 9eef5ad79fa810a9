using InfusionAudit.Application.Ingestion;

namespace InfusionAudit.Http;

/// <summary>The 202 body of <c>POST /api/events</c>: counts and one result per event, in request order.</summary>
public sealed record EventsResponse(int Accepted, int Duplicate, int Rejected, IReadOnlyList<EventOutcome> Results)
{
    public static EventsResponse From(IngestResult result) => new(result.Accepted, result.Duplicate, result.Rejected, result.Events);
}
