using InfusionAudit.Domain.Contract;

namespace InfusionAudit.Application.Ingestion;

/// <summary>An accepted event on its way to its session, with the patient reference already replaced by its hash.</summary>
/// <param name="Index">Position in its message.</param>
/// <param name="Event">The pseudonymised event.</param>
/// <param name="RawJson">The text as received, patient reference hashed: what the audit log keeps.</param>
public sealed record IncomingEvent(int Index, DeviceEvent Event, string RawJson);
