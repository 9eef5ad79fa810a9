using System.Text.Json.Nodes;

namespace InfusionAudit.Simulator.Contract;

/// <summary>One device event before it is written as contract JSON.</summary>
/// <param name="EventId">The idempotency key; null only to produce an event that breaks the contract on purpose.</param>
/// <param name="Type">Contract <c>type</c>; any string, so that unknown types can be produced on purpose.</param>
/// <param name="SessionId">Treatment session.</param>
/// <param name="ClinicId">Clinic.</param>
/// <param name="DeviceId">Device that recorded the event.</param>
/// <param name="Sequence">Per-session counter assigned by the gateway.</param>
/// <param name="OccurredAt">Device clock; written to whole seconds in UTC.</param>
/// <param name="Payload">Type-specific fields, written in insertion order.</param>
/// <param name="SchemaVersion">Contract version; always 1 for this simulator.</param>
public sealed record EventEnvelope(
    string? EventId,
    string Type,
    string SessionId,
    string ClinicId,
    string DeviceId,
    long Sequence,
    DateTimeOffset OccurredAt,
    JsonObject Payload,
    int SchemaVersion = 1);
