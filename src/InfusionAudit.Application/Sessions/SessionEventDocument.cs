using System.Text.Json;

namespace InfusionAudit.Application.Sessions;

/// <summary>One stored event: when it happened, when it arrived, and the event as received (patient reference hashed).</summary>
public sealed record SessionEventDocument(
    string EventId,
    long Sequence,
    string Type,
    string DeviceId,
    DateTimeOffset OccurredAt,
    DateTimeOffset ReceivedAt,
    JsonElement Event);
