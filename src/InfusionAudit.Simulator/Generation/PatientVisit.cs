namespace InfusionAudit.Simulator.Generation;

/// <summary>Another session of the same patient, as the backend's patient index knows it.</summary>
/// <param name="SessionId">Its session id.</param>
/// <param name="StartedAt">Its <c>SessionStarted</c> time.</param>
/// <param name="ProtocolId">Its protocol.</param>
/// <param name="WeightKg">Its weight (the index keeps it for WEIGHT-CHANGED).</param>
/// <param name="PrescribedMgPerKg">Its prescription (the index keeps it for DOSE-ESCALATION).</param>
public sealed record PatientVisit(string SessionId, DateTimeOffset StartedAt, string ProtocolId, double? WeightKg = null, double? PrescribedMgPerKg = null);
