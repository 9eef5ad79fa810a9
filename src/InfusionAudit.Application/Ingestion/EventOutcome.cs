using InfusionAudit.Domain.Contract;

namespace InfusionAudit.Application.Ingestion;

/// <summary>The result for one element of a message, in message order.</summary>
public sealed record EventOutcome(int Index, string? EventId, EventOutcomeStatus Status, EventRejection? Rejection);
