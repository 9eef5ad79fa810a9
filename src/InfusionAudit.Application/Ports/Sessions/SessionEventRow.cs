namespace InfusionAudit.Application.Ports.Sessions;

/// <summary>One accepted event in a session's log, stored verbatim (patient reference already hashed).</summary>
/// <param name="ReceivedAt">When the backend received it: the queue message's insertion time or the HTTP request time, so redelivery does not change it.</param>
public sealed record SessionEventRow(
    string SessionId,
    string EventId,
    long Sequence,
    string Type,
    string ClinicId,
    string DeviceId,
    DateTimeOffset OccurredAt,
    DateTimeOffset ReceivedAt,
    string RawJson);
