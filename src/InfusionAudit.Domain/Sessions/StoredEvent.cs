using InfusionAudit.Domain.Contract;

namespace InfusionAudit.Domain.Sessions;

/// <summary>An event the contract accepted, with the backend's receive time (clock skew, no-start and silence rules read it).</summary>
/// <param name="Event">The validated event; its <c>patientRef</c> already holds the keyed hash.</param>
/// <param name="ReceivedAt">When the backend received it (batch receive time); stored with the event so replay is deterministic.</param>
public sealed record StoredEvent(DeviceEvent Event, DateTimeOffset ReceivedAt);
