namespace InfusionAudit.Domain.Contract;

/// <summary>Payload of <c>InfusionResumed</c> (empty): the pump resumes its last non-zero rate.</summary>
public sealed record InfusionResumedPayload : EventPayload;
