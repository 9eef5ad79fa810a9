using InfusionAudit.Domain.Protocols;

namespace InfusionAudit.Http.Protocols;

/// <summary>
/// Per-session dose limits: a weight-based protocol has the mg/kg fields (soft and hard ranges), a fixed-dose one the mg
/// fields (the allowed totals and the hard maximum); the other kind's fields are null. <c>basis</c> says which.
/// </summary>
/// <param name="Basis"><c>mgPerKg</c> or <c>fixedMg</c>.</param>
/// <param name="BolusHardMaxMgPerKg">Discrete doses on an IV infusion protocol above this are critical <c>DOSE-BOLUS</c>.</param>
public sealed record ProtocolDoseLimitsView(
    string Basis,
    double? SoftMinMgPerKg,
    double? SoftMaxMgPerKg,
    double? HardMinMgPerKg,
    double? HardMaxMgPerKg,
    IReadOnlyList<double>? AllowedMg,
    double? HardMaxMg,
    double BolusHardMaxMgPerKg)
{
    public static ProtocolDoseLimitsView From(ProtocolDefinition protocol)
    {
        var bolus = protocol.BolusHardMax.MilligramsPerKilogram;
        if (protocol.DosePerWeight is { } perWeight)
        {
            return new("mgPerKg", perWeight.Soft.Min.MilligramsPerKilogram, perWeight.Soft.Max.MilligramsPerKilogram,
                perWeight.Hard.Min.MilligramsPerKilogram, perWeight.Hard.Max.MilligramsPerKilogram, null, null, bolus);
        }

        // The library admits exactly one of the two sections, so a protocol without mg/kg limits has fixed ones.
        var fixedDose = protocol.FixedDose ?? throw new InvalidOperationException($"{protocol.Id} v{protocol.Version} has no dose limits.");
        return new("fixedMg", null, null, null, null, [.. fixedDose.Allowed.Select(d => d.Milligrams)], fixedDose.HardMax.Milligrams, bolus);
    }
}
