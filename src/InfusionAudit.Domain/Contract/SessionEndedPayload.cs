namespace InfusionAudit.Domain.Contract;

/// <summary>Payload of <c>SessionEnded</c>.</summary>
/// <param name="Reason">Why the session ended.</param>
public sealed record SessionEndedPayload(SessionEndReason Reason) : EventPayload;
