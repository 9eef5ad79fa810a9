namespace InfusionAudit.Application.Audit;

/// <summary>
/// Delivered dose per weight of the ended sessions of one protocol that have a known delivered dose: exact median
/// (mean of the two middle values for an even count) and range, mg/kg, rounded to 0.01 mg/kg (ClinicalPrecision).
/// </summary>
public sealed record ProtocolDoseSummary(string ProtocolId, int Sessions, double MedianMgPerKg, double MinMgPerKg, double MaxMgPerKg);
