namespace InfusionAudit.Hl7.Mapping;

/// <summary>
/// The contract events one HL7 message maps to (a JSON array text, ready for the JSON ingestion path), or the
/// problem that stopped the mapping. All or nothing: a message with one unusable row yields no events.
/// </summary>
/// <param name="EventsJson">A JSON array of contract events, or null when <paramref name="Problem"/> is set.</param>
/// <param name="EventCount">How many events the array holds.</param>
/// <param name="ClinicId">The clinic when it could be read (to file a rejection), else null.</param>
/// <param name="PatientId">The raw patient identifier when read: only to be hashed, never stored or shown.</param>
public sealed record Hl7Mapping(string? EventsJson, int EventCount, Hl7Problem? Problem, string? ClinicId, string? SessionId, string? PatientId);
