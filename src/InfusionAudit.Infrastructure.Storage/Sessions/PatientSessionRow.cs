namespace InfusionAudit.Infrastructure.Storage.Sessions;

/// <summary>A session of a patient, keyed by the patient reference hash (never the clear id).</summary>
public sealed record PatientSessionRow(
    string PatientRefHash,
    string SessionId,
    string ClinicId,
    DateTimeOffset StartedAt,
    string ProtocolId,
    double? WeightKg = null,
    double? PrescribedMgPerKg = null,
    double? DeliveredMgPerKg = null);
