namespace InfusionAudit.Domain.Contract;

/// <summary>Base of the type-specific payloads of <see cref="DeviceEvent"/>.</summary>
public abstract record EventPayload;
