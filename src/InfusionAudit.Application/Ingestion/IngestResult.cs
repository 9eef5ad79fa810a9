using InfusionAudit.Domain.Contract;

namespace InfusionAudit.Application.Ingestion;

/// <summary>The outcome of one device message.</summary>
/// <param name="Problem">A message-level problem (not JSON, too many events...), or null.</param>
public sealed record IngestResult(IReadOnlyList<EventOutcome> Events, MessageProblem? Problem)
{
    public int Accepted => Events.Count(e => e.Status == EventOutcomeStatus.Accepted);

    public int Duplicate => Events.Count(e => e.Status == EventOutcomeStatus.Duplicate);

    public int Rejected => Events.Count(e => e.Status == EventOutcomeStatus.Rejected);
}
