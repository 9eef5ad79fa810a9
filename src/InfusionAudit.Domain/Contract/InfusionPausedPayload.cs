namespace InfusionAudit.Domain.Contract;

/// <summary>Payload of <c>InfusionPaused</c>.</summary>
/// <param name="Reason">Optional free text, at most 200 characters.</param>
public sealed record InfusionPausedPayload(string? Reason) : EventPayload;
