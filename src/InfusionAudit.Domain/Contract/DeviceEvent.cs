namespace InfusionAudit.Domain.Contract;

/// <summary>A validated device event (contract version 1): the envelope and its typed payload.</summary>
/// <param name="SchemaVersion">Always 1 for this contract version.</param>
/// <param name="EventId">Globally unique idempotency key.</param>
/// <param name="Type">The event type; matches the runtime type of <paramref name="Payload"/>.</param>
/// <param name="SessionId">The treatment session.</param>
/// <param name="ClinicId">The clinic.</param>
/// <param name="DeviceId">The sending device.</param>
/// <param name="Sequence">Per-session counter assigned by the producer, +1 per event.</param>
/// <param name="OccurredAt">Device clock time, with the offset the device sent.</param>
/// <param name="Payload">Type-specific data.</param>
public sealed record DeviceEvent(
    int SchemaVersion,
    string EventId,
    EventType Type,
    string SessionId,
    string ClinicId,
    string DeviceId,
    long Sequence,
    DateTimeOffset OccurredAt,
    EventPayload Payload);
