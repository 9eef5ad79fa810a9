namespace InfusionAudit.Application.Ports.Sessions;

/// <summary>A session of a patient, keyed by the patient reference hash (never the clear id).</summary>
/// <param name="DeliveredMgPerKg">Written when the session ends (null before, or when the dose was not computable).</param>
/// <param name="EndedAt">The session's end, written with the delivered dose; null while it runs.</param>
public sealed record PatientSessionRow(
    string PatientRefHash,
    string SessionId,
    string ClinicId,
    DateTimeOffset StartedAt,
    string ProtocolId,
    double? WeightKg = null,
    double? PrescribedMgPerKg = null,
    double? DeliveredMgPerKg = null,
    DateTimeOffset? EndedAt = null);
