namespace InfusionAudit.Application.Audit;

/// <summary>
/// Delivered dose of the ended sessions of one protocol that have a known delivered dose: exact median (mean of the two
/// middle values for an even count) and range. Weight-based protocols in mg/kg (0.01), fixed-dose protocols in mg (0.1):
/// <paramref name="Unit"/> says which, and only that unit's three values are set.
/// </summary>
/// <param name="Unit"><c>mg/kg</c> or <c>mg</c>.</param>
public sealed record ProtocolDoseSummary(
    string ProtocolId,
    int Sessions,
    string Unit,
    double? MedianMgPerKg,
    double? MinMgPerKg,
    double? MaxMgPerKg,
    double? MedianMg = null,
    double? MinMg = null,
    double? MaxMg = null);
