namespace InfusionAudit.Domain.Sessions;

/// <summary>Another session of the same (hashed) patient, from the patient index.</summary>
/// <param name="SessionId">Its session id (the session being judged may appear in the list and is ignored).</param>
/// <param name="StartedAt">Its <c>SessionStarted</c> time.</param>
/// <param name="ProtocolId">Its protocol id.</param>
/// <param name="WeightKg">
/// Its <c>SessionStarted</c> weight (<c>WEIGHT-CHANGED</c>, <c>WEIGHT-UNITS-SUSPECT</c>); null for sessions indexed before the
/// weight was kept, and then those rules say they could not judge.
/// </param>
/// <param name="PrescribedMgPerKg">Its prescription in mg/kg (mg ÷ weight for fixed doses; <c>DOSE-ESCALATION</c>); null when not kept.</param>
/// <param name="DeliveredMgPerKg">
/// Its delivered mg/kg once it ended (<c>COURSE-CUMULATIVE</c>); null while it runs, when it was indexed before the delivered
/// dose was kept, or when its dose could not be computed.
/// </param>
public sealed record PriorSession(
    string SessionId, DateTimeOffset StartedAt, string ProtocolId, double? WeightKg = null, double? PrescribedMgPerKg = null, double? DeliveredMgPerKg = null);
